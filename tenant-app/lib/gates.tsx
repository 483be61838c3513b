import "server-only";
import { can } from "@mw/core/authz";
import type { TenantRef } from "@mw/core/context";
import type { Entitlements, Feature } from "@mw/core/plans";
import { featureAvailability } from "@mw/core/product";
import type { SessionContext } from "@mw/core/sessions";
import type { ReactElement } from "react";
import { UpgradePrompt } from "../components/upgrade-prompt";

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
  return (
    <UpgradePrompt
      title={title}
      message={gate.message}
      adminMessage={gate.adminMessage}
      isAdmin={isBillingAdmin(ctx.session)}
    />
  );
}
