import type { StepContext } from "../engine/types";
import type { OffboardRunInput } from "../workflows/inputs";
import { cancelTenantSubscription } from "./stripe-billing";

/**
 * Offboarding ends the tenant's Stripe subscription at once (no proration, no final invoice): the
 * tenant stops paying the moment it stops being served. A tenant without one (Free, or already
 * canceled) passes straight through; a re-run finds the subscription canceled and only records it.
 */
export const id = "cancel-subscription";

export async function run(ctx: StepContext<OffboardRunInput>) {
  if (!ctx.clients.stripe) return { canceled: null, skipped: "Stripe is not configured" };
  return cancelTenantSubscription(ctx, ctx.input.tenantId);
}
