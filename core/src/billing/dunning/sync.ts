import type { TenantTx } from "../../db/client";
import { applyDunning, type DunningOptions, type DunningOutcome } from "./store";
import { announceTransition } from "./transitions";

/**
 * Brings the tenant's dunning state in line with a freshly fetched Stripe subscription status
 * (called by `applyStripeSubscription`, in its transaction): active | trialing → ok (restored at
 * once), past_due → past due with a grace period (unless already further along), unpaid →
 * restricted, canceled → cleared (the plan change to Free is the consequence); anything else is no
 * dunning matter. Idempotent: the same status twice changes nothing the second time.
 */
export async function syncDunningFromSubscription(
  tx: TenantTx,
  tenantId: string,
  status: string,
  now: Date,
  opts: DunningOptions = {},
): Promise<DunningOutcome> {
  const outcome = await applyDunning(tx, tenantId, { kind: "subscription", status, now }, opts);
  if (outcome.transition) await announceTransition(tx, outcome.tenant.slug, outcome.transition);
  return outcome;
}
