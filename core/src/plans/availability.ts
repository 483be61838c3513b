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
  type FeatureMessages,
  flagMessages,
  PAST_DUE_ADMIN_MESSAGE,
  planMessages,
  RESTRICTED_READ_ADMIN_MESSAGE,
  restrictedMessages,
  suspendedForBillingMessages,
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

/** `tenants.dunning_state` (the DB enum), as the host resolver and tenant_profile() return it. */
export type DunningState = "ok" | "past_due" | "restricted" | "suspended";

/**
 * Extension point for signals that live outside the tenant row. The runtime fills these per request,
 * server-side, with the tenant from the session — never from the client (Unleash issue 8260):
 * - `flags`: Unleash toggles keyed by feature id (`{ events: false }`). A flag can only take a
 *   feature away (kill switch, staged rollout); `true` never grants what the plan lacks.
 * - `dunning`: the tenant's dunning state (core/src/billing/dunning). `past_due` is a grace period
 *   (feature stays on, admins get a warning); `restricted` switches paid features off until the
 *   invoice is paid — data is kept and what a feature already holds stays readable (`intent:
 *   "read"`); `suspended` closes everything, like a suspended tenant.
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

/**
 * What the caller means to do with the feature: `use` (create, change, compute — the default) or
 * `read` (look at what it already holds). Only a restricted tenant tells them apart: its data stays
 * readable while nothing new can be made until the invoice is paid.
 */
export type FeatureIntent = "use" | "read";

export type FeatureAvailability =
  | { available: true; warning?: { reason: "past_due" | "restricted"; adminMessage: string } }
  | FeatureUnavailable;

/** Statuses in which a tenant's members use nothing (mirrors the runtime's suspension page). */
const CLOSED_STATUSES: ReadonlySet<string> = new Set(["suspended", "offboarding", "deleted"]);

export function featureAvailability(
  tenant: EntitledTenant,
  feature: Feature,
  signals: FeatureSignals = {},
  intent: FeatureIntent = "use",
): FeatureAvailability {
  // Order matters for the message: say what would actually fix it. A closed tenant or an unpaid
  // invoice is not fixed by upgrading, nor is a feature switched off platform-wide.
  if (tenant.status !== undefined && CLOSED_STATUSES.has(tenant.status)) {
    return unavailable("suspended", null, null, suspendedMessages(feature, tenant.status));
  }
  if (signals.dunning === "suspended") return unavailable("dunning", null, null, suspendedForBillingMessages(feature));
  if (signals.dunning === "restricted" && intent === "use") {
    return unavailable("dunning", null, null, restrictedMessages(feature));
  }
  if (signals.flags?.[feature] === false) return unavailable("flag", null, null, flagMessages(feature));

  const entitlements = readEntitlements(tenant.entitlements);
  if (!entitlements.features.includes(feature)) {
    const offer = upgradeOffer(currentPlan(tenant, entitlements), feature);
    return unavailable("plan", offer.requiredPlan, offer.addon, planMessages(feature, offer));
  }
  if (signals.dunning === "restricted") {
    return { available: true, warning: { reason: "restricted", adminMessage: RESTRICTED_READ_ADMIN_MESSAGE } };
  }
  if (signals.dunning === "past_due") {
    return { available: true, warning: { reason: "past_due", adminMessage: PAST_DUE_ADMIN_MESSAGE } };
  }
  return { available: true };
}

/** Dunning states in which the tenant gets no more than the Free plan allows. */
const FREE_LIMITED: ReadonlySet<DunningState | undefined> = new Set(["restricted", "suspended"]);

/**
 * The tenant's limit from its stored entitlements; `null` means unlimited. While the tenant is
 * restricted for an unpaid invoice it is held to the Free plan's limit (what it already has is
 * kept; it cannot add beyond Free until it pays).
 */
export function limitFor(
  tenant: Pick<EntitledTenant, "entitlements">,
  limit: keyof Limits,
  signals: Pick<FeatureSignals, "dunning"> = {},
): number | null {
  const own = readEntitlements(tenant.entitlements).limits[limit];
  if (!FREE_LIMITED.has(signals.dunning)) return own;
  const free = PLANS.free.limits[limit];
  if (free === null) return own;
  return own === null ? free : Math.min(own, free);
}

/** Whether the tenant's limit is lowered to Free's by dunning right now. */
export function limitHeldByDunning(
  tenant: Pick<EntitledTenant, "entitlements">,
  limit: keyof Limits,
  signals: Pick<FeatureSignals, "dunning"> = {},
): boolean {
  return limitFor(tenant, limit, signals) !== limitFor(tenant, limit);
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
