import "server-only";
import { can } from "@mw/core/authz";
import type { SessionContext } from "@mw/core/sessions";

/** Who may act on plan limits: people who can see billing (owner, admin, billing manager). */
export function isBillingAdmin(session: SessionContext): boolean {
  return can(session.ability, "billing.read");
}
