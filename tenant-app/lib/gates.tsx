import "server-only";
import { can } from "@mw/core/authz";
import type { TenantRef } from "@mw/core/context";
import { ADDONS, type Entitlements, type Feature, PLANS } from "@mw/core/plans";
import { featureAvailability } from "@mw/core/product";
import type { SessionContext } from "@mw/core/sessions";
import type { ReactElement } from "react";
import { type UpgradeOffer, UpgradePrompt } from "../components/upgrade-prompt";
import { consoleBillingLinkFor } from "./host";

/** Who may act on plan limits: people who can see billing (owner, admin, billing manager). */
export function isBillingAdmin(session: SessionContext): boolean {
  return can(session.ability, "billing.read");
}

/**
 * The plan gate of a page: `null` when the tenant may use `feature` now, otherwise the prompt to
 * render instead (the upgrade path for billing admins, a plain note for everyone else).
 */
export function planGate(
  ctx: { tenant: TenantRef; entitlements: Entitlements; session: SessionContext },
  feature: Feature,
  title: string,
): ReactElement | null {
  const gate = featureAvailability(
    { plan: ctx.tenant.plan, entitlements: ctx.entitlements, status: ctx.tenant.status },
    feature,
  );
  if (gate.available) return null;
  const isAdmin = isBillingAdmin(ctx.session);
  return (
    <UpgradePrompt
      title={title}
      message={gate.message}
      adminMessage={gate.adminMessage}
      isAdmin={isAdmin}
      offer={isAdmin && gate.reason === "plan" ? upgradeOffer(gate, ctx.tenant) : null}
    />
  );
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
