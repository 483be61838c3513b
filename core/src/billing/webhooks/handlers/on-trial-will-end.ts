import { onTrialWillEnd } from "../../dunning/trial";
import { describeSync, SUBSCRIPTION_EXPAND, syncCustomer } from "../sync-customer";
import { type EventHandler, idOf, metadataTenant } from "../types";

/**
 * `customer.subscription.trial_will_end` (three days before): the "trial ends soon" mail, if the
 * subscription — fetched now — is still trialing towards a trial end in the future.
 */
export const onTrialWillEndEvent: EventHandler = {
  type: "customer.subscription.trial_will_end",
  customerOf: (object) => idOf(object.customer),
  tenantHint: metadataTenant,
  async handle(ctx) {
    const customerId = idOf(ctx.event.object.customer);
    const subscriptionId = idOf(ctx.event.object.id);
    if (!customerId || !subscriptionId) return "ignored: the event names no subscription";
    const sync = await syncCustomer(ctx, customerId);
    const synced = describeSync(sync, subscriptionId);
    const sub = await ctx.stripe.subscriptions.retrieve(subscriptionId, { expand: SUBSCRIPTION_EXPAND });
    if (sub.status !== "trialing" || !sub.trial_end || sub.trial_end * 1000 <= ctx.now.getTime()) {
      return `stale: ${subscriptionId} is ${sub.status}, no trial about to end; ${synced}`;
    }
    const queued = await onTrialWillEnd(ctx.tx, ctx.tenantId, sub);
    const when = new Date(sub.trial_end * 1000).toISOString().slice(0, 10);
    return `trial ends ${when}: ${queued} reminder${queued === 1 ? "" : "s"} queued; ${synced}`;
  },
};
