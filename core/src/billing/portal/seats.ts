import type { Stripe } from "../../adapters/stripe";
import { emitAudit } from "../../audit/emit";
import type { Actor } from "../../context";
import { type Database, readTenant, withTenant } from "../../db/client";
import { PLANS, priceByLookupKey } from "../../plans/catalog";
import { applyStripeSubscription } from "../subscription-sync";
import { hasLiveSubscription, readBillingLedger } from "./ledger";
import { planQuantity, selectionOf } from "./plan-state";
import { currentItems } from "./subscription";

export type SeatSyncResult =
  | { changed: false; reason: "no_subscription" | "not_per_seat" | "in_sync"; seats: number }
  | { changed: true; from: number; to: number; subscription: Stripe.Subscription };

/**
 * Business is billed per seat: the plan item's quantity follows the tenant's active members. Run
 * after memberships change (a job queued in the membership's own transaction), never inside it: the
 * Stripe call happens here, then the change is audited as the system's. Compares with what Stripe
 * holds now, so a burst of joins ends in one update to the final count. `runId` names this run
 * (the job), so a retried run replays Stripe's answer and a later run with the same numbers acts anew.
 */
export async function syncSubscriptionSeats({
  database,
  stripe,
  tenantId,
  runId,
}: {
  database: Database;
  stripe: Stripe;
  tenantId: string;
  runId: string;
}): Promise<SeatSyncResult> {
  const ledger = await readTenant(database, tenantId, (tx) => readBillingLedger(tx, tenantId));
  const seats = ledger.activeMembers;
  if (!hasLiveSubscription(ledger.account)) return { changed: false, reason: "no_subscription", seats };
  const subscription = await stripe.subscriptions.retrieve(ledger.account.stripeSubscriptionId);
  const items = currentItems(subscription);
  const selection = selectionOf(items);
  if (!selection || !PLANS[selection.plan].perSeat) return { changed: false, reason: "not_per_seat", seats };
  const planItem = items.find((i) => priceByLookupKey(i.lookupKey)?.kind === "plan");
  const want = planQuantity(selection.plan, seats);
  if (!planItem || planItem.quantity === want) return { changed: false, reason: "in_sync", seats };
  const updated = await stripe.subscriptions.update(
    subscription.id,
    { items: [{ id: planItem.id, quantity: want }], proration_behavior: "create_prorations" },
    { idempotencyKey: `seats:${tenantId}:${runId}:${planItem.quantity}-${want}` },
  );
  const actor: Actor = { type: "system", process: "billing-seats" };
  const audit = { actor, requestId: runId };
  await withTenant(database, tenantId, async (tx) => {
    // The ledger shows the new seat count at once; the webhook that follows changes nothing more.
    await applyStripeSubscription(tx, tenantId, updated, { audit });
    await emitAudit(tx, audit, {
      action: "billing.seats_sync",
      target: { type: "subscription", id: updated.id },
      before: { seats: planItem.quantity },
      after: { seats: want, activeMembers: seats },
    });
  });
  return { changed: true, from: planItem.quantity, to: want, subscription: updated };
}
