import { DomainError } from "../errors";
import type { FeatureUnavailable, UnavailableReason } from "./availability";
import type { AddonId, Feature, PlanId } from "./catalog";

/**
 * The tenant may not use a feature right now (plan, suspension, flag or unpaid invoice). 402 like
 * `LimitExceededError`: for the common case the fix is a purchase. `message` is safe for anyone;
 * `adminMessage` says how to fix it and is for people who can (the UI decides who sees which).
 */
export class FeatureUnavailableError extends DomainError {
  readonly code = "feature_unavailable";
  readonly status = 402;
  readonly feature: Feature;
  readonly reason: UnavailableReason;
  readonly requiredPlan: PlanId | null;
  readonly addon: AddonId | null;
  readonly adminMessage: string;

  constructor(feature: Feature, decision: FeatureUnavailable) {
    super(decision.message);
    this.feature = feature;
    this.reason = decision.reason;
    this.requiredPlan = decision.requiredPlan;
    this.addon = decision.addon;
    this.adminMessage = decision.adminMessage;
  }
}
