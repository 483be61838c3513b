import {
  ADDON_IDS,
  ADDONS,
  type AddonId,
  type Entitlements,
  type Feature,
  type Limits,
  PLAN_IDS,
  PLANS,
  type PlanId,
  readEntitlements,
} from "./catalog";
import {
  dunningMessages,
  type FeatureMessages,
  flagMessages,
  PAST_DUE_ADMIN_MESSAGE,
  planMessages,
  suspendedMessages,
} from "./messages";

/**
 * The one answer to "may tenant T use feature F now?" (DESIGN: plan entitlement ∧ override ∧ flag
 * ∧ dunning). Pure: callers gather the inputs, so the rule is unit-tested as a table and every
 * transport, verb and UI gate gets the same answer.
 */

/** What the caller knows about the tenant: the row (or the host resolver's copy of it). */
export interface EntitledTenant {
  plan: string;
  /** `tenants.entitlements` as stored; read defensively (unreadable → the Free plan's). */
  entitlements: unknown;
  /** `tenants.status`; absent means "not known to be closed". */
  status?: string;
}

export type DunningState = "ok" | "past_due" | "unpaid";

/**
 * Extension point for signals that live outside the tenant row. The runtime fills these per request,
 * server-side, with the tenant from the session — never from the client (Unleash issue 8260):
 * - `flags`: Unleash toggles keyed by feature id (`{ events: false }`). A flag can only take a
 *   feature away (kill switch, staged rollout); `true` never grants what the plan lacks.
 * - `dunning`: the Stripe subscription's collection state. `past_due` is a grace period (feature
 *   stays on, admins get a warning); `unpaid` switches paid features off until the invoice is paid.
 */
export interface FeatureSignals {
  flags?: Readonly<Record<string, boolean>>;
  dunning?: DunningState;
}

export type UnavailableReason = "plan" | "suspended" | "flag" | "dunning";

export interface FeatureUnavailable extends FeatureMessages {
  available: false;
  reason: UnavailableReason;
  /** The cheapest plan above the current one that includes the feature; `null` if none would help. */
  requiredPlan: PlanId | null;
  /** The add-on that grants the feature on the current plan, if one exists and would help. */
  addon: AddonId | null;
}

export type FeatureAvailability =
  | { available: true; warning?: { reason: "past_due"; adminMessage: string } }
  | FeatureUnavailable;

/** Statuses in which a tenant's members use nothing (mirrors the runtime's suspension page). */
const CLOSED_STATUSES: ReadonlySet<string> = new Set(["suspended", "offboarding", "deleted"]);

export function featureAvailability(
  tenant: EntitledTenant,
  feature: Feature,
  signals: FeatureSignals = {},
): FeatureAvailability {
  // Order matters for the message: say what would actually fix it. A closed tenant or an unpaid
  // invoice is not fixed by upgrading, nor is a feature switched off platform-wide.
  if (tenant.status !== undefined && CLOSED_STATUSES.has(tenant.status)) {
    return unavailable("suspended", null, null, suspendedMessages(feature, tenant.status));
  }
  if (signals.dunning === "unpaid") return unavailable("dunning", null, null, dunningMessages(feature));
  if (signals.flags?.[feature] === false) return unavailable("flag", null, null, flagMessages(feature));

  const entitlements = readEntitlements(tenant.entitlements);
  if (!entitlements.features.includes(feature)) {
    const offer = upgradeOffer(currentPlan(tenant, entitlements), feature);
    return unavailable("plan", offer.requiredPlan, offer.addon, planMessages(feature, offer));
  }
  if (signals.dunning === "past_due") {
    return { available: true, warning: { reason: "past_due", adminMessage: PAST_DUE_ADMIN_MESSAGE } };
  }
  return { available: true };
}

/** The tenant's limit from its stored entitlements; `null` means unlimited. */
export function limitFor(tenant: Pick<EntitledTenant, "entitlements">, limit: keyof Limits): number | null {
  return readEntitlements(tenant.entitlements).limits[limit];
}

/** The cheapest plan above `plan` that raises `limit` beyond `max`, for the upgrade hint. */
export function nextPlanForLimit(plan: PlanId, limit: keyof Limits, max: number): PlanId | null {
  return (
    PLAN_IDS.slice(PLAN_IDS.indexOf(plan) + 1).find((p) => {
      const next = PLANS[p].limits[limit];
      return next === null || next > max;
    }) ?? null
  );
}

function unavailable(
  reason: UnavailableReason,
  requiredPlan: PlanId | null,
  addon: AddonId | null,
  messages: FeatureMessages,
): FeatureUnavailable {
  return { available: false, reason, requiredPlan, addon, ...messages };
}

/**
 * `tenants.plan` is what billing says; the entitlements carry the plan they were computed from.
 * They agree unless a write is half-way; prefer the column, fall back when it is not a known plan.
 */
function currentPlan(tenant: EntitledTenant, entitlements: Entitlements): PlanId {
  return (PLAN_IDS as readonly string[]).includes(tenant.plan) ? (tenant.plan as PlanId) : entitlements.plan;
}

function upgradeOffer(
  plan: PlanId,
  feature: Feature,
): { requiredPlan: PlanId | null; addon: AddonId | null; andAbove: boolean } {
  // The catalog already gives this plan the feature, so an override took it away: neither a
  // bigger plan nor an add-on changes that (overrides apply last), only a new agreement does.
  if (PLANS[plan].features.includes(feature)) return { requiredPlan: null, addon: null, andAbove: false };
  const higher = PLAN_IDS.slice(PLAN_IDS.indexOf(plan) + 1);
  const start = higher.findIndex((p) => PLANS[p].features.includes(feature));
  const requiredPlan = start === -1 ? null : (higher[start] ?? null);
  // "and above" only when it is true of the catalog, not assumed from plan order.
  const andAbove =
    start !== -1 && start < higher.length - 1 && higher.slice(start).every((p) => PLANS[p].features.includes(feature));
  const addon = ADDON_IDS.find((a) => ADDONS[a].grants.includes(feature)) ?? null;
  return { requiredPlan, addon, andAbove };
}
