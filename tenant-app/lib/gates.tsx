import "server-only";
import { can } from "@mw/core/authz";
import type { TenantRef } from "@mw/core/context";
import { ADDONS, type Entitlements, type Feature, PLANS } from "@mw/core/plans";
import { type FeatureIntent, type FeatureSignals, featureAvailability } from "@mw/core/product";
import type { SessionContext } from "@mw/core/sessions";
import type { ReactElement } from "react";
import { type UpgradeOffer, UpgradePrompt } from "../components/upgrade-prompt";
import { consoleBillingLinkFor } from "./host";

/** Who may act on plan limits: people who can see billing (owner, admin, billing manager). */
export function isBillingAdmin(session: SessionContext): boolean {
  return can(session.ability, "billing.read");
}

type GateCtx = { tenant: TenantRef; entitlements: Entitlements; signals: FeatureSignals; session: SessionContext };

function decide(ctx: Omit<GateCtx, "session">, feature: Feature, intent: FeatureIntent) {
  return featureAvailability(
    { plan: ctx.tenant.plan, entitlements: ctx.entitlements, status: ctx.tenant.status },
    feature,
    ctx.signals,
    intent,
  );
}

/**
 * The plan gate of a page: `null` when the tenant may use `feature` now (`intent: "read"` for pages
 * that only show what the feature holds, which a tenant restricted for an unpaid invoice keeps),
 * otherwise the prompt to render instead: the upgrade path — or, for an unpaid invoice, the way to
 * pay — for billing admins, a plain note for everyone else.
 */
export function planGate(
  ctx: GateCtx,
  feature: Feature,
  title: string,
  intent: FeatureIntent = "use",
): ReactElement | null {
  const gate = decide(ctx, feature, intent);
  if (gate.available) return null;
  const isAdmin = isBillingAdmin(ctx.session);
  return (
    <UpgradePrompt
      title={title}
      message={gate.message}
      adminMessage={gate.adminMessage}
      isAdmin={isAdmin}
      offer={isAdmin && gate.reason === "plan" ? upgradeOffer(gate, ctx.tenant) : null}
      payUrl={isAdmin && gate.reason === "dunning" ? consoleBillingLinkFor(ctx.tenant) : null}
    />
  );
}

/** Whether new things can be made with `feature` now (false while restricted for an unpaid invoice). */
export function featureUsable(ctx: Omit<GateCtx, "session">, feature: Feature): boolean {
  return decide(ctx, feature, "use").available;
}

/** What unlocks the feature and what it costs, from the plan catalog; self-serve offers go to Billing. */
function upgradeOffer(
  gate: { requiredPlan: keyof typeof PLANS | null; addon: keyof typeof ADDONS | null },
  tenant: TenantRef,
): UpgradeOffer | null {
  const plan = gate.requiredPlan ? PLANS[gate.requiredPlan] : null;
  const addon = gate.addon ? ADDONS[gate.addon] : null;
  const options = [
    ...(plan ? [{ name: `${plan.name} plan`, monthlyPriceCents: plan.monthlyPriceCents }] : []),
    ...(addon ? [{ name: `${addon.name} add-on`, monthlyPriceCents: addon.monthlyPriceCents }] : []),
  ];
  if (options.length === 0) return null;
  return { options, billingUrl: consoleBillingLinkFor(tenant) };
}
