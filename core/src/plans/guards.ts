import type { TenantCtx } from "../context";
import { LimitExceededError } from "../errors";
import {
  type FeatureIntent,
  type FeatureSignals,
  featureAvailability,
  limitFor,
  limitHeldByDunning,
  nextPlanForLimit,
} from "./availability";
import { type Entitlements, type Feature, type Limits, readEntitlements } from "./catalog";
import { FeatureUnavailableError } from "./errors";
import { limitMessage, restrictedLimitMessage } from "./messages";

/**
 * The context of a product verb (artists, events, analytics): a tenant context plus what the
 * tenant bought. The runtime role cannot read `tenants`, so entitlements arrive with the context —
 * built from the host resolver, which returns them — instead of being read in the verb.
 */
export type ProductCtx = TenantCtx & {
  entitlements: Entitlements;
  /** Unleash flags and dunning state, once the runtime evaluates them (see `FeatureSignals`). */
  signals?: FeatureSignals;
};

type GateCtx = Pick<ProductCtx, "tenant" | "actor" | "entitlements" | "signals">;

/**
 * Throws `FeatureUnavailableError` unless the tenant may use `feature` now. Staff and the system
 * pass the suspension gate (as in `assertTenantWritable`: that is how a closed tenant is cleaned
 * up or resumed) but never the plan, flag or dunning gates.
 */
export function assertFeature(ctx: GateCtx, feature: Feature, intent: FeatureIntent = "use"): void {
  const exempt = ctx.actor.type === "staff" || ctx.actor.type === "system";
  const decision = featureAvailability(
    { plan: ctx.tenant.plan, entitlements: ctx.entitlements, status: exempt ? undefined : ctx.tenant.status },
    feature,
    ctx.signals,
    intent,
  );
  if (!decision.available) throw new FeatureUnavailableError(feature, decision);
}

/**
 * Throws `LimitExceededError` when one more would exceed the tenant's limit. `currentCount` must be
 * read under a lock that serializes the creates it guards, or two can both see room for one.
 */
export function assertWithinLimit(
  ctx: Pick<ProductCtx, "entitlements" | "signals">,
  limit: keyof Limits,
  currentCount: number,
): void {
  const max = limitFor(ctx, limit, ctx.signals);
  if (max === null || currentCount < max) return;
  if (limitHeldByDunning(ctx, limit, ctx.signals)) {
    throw new LimitExceededError(restrictedLimitMessage(limit, max), limit, max);
  }
  const { plan } = readEntitlements(ctx.entitlements);
  throw new LimitExceededError(limitMessage(limit, max, plan, nextPlanForLimit(plan, limit, max)), limit, max);
}
