import { describeSync, syncCustomer } from "../sync-customer";
import { type EventHandler, idOf, metadataTenant } from "../types";

/**
 * The customer.subscription.* events: the payload says which customer; the tenant is then synced
 * with that customer's current subscription as Stripe holds it now.
 */
export function subscriptionEvent(type: string): EventHandler {
  return {
    type,
    customerOf: (object) => idOf(object.customer),
    tenantHint: metadataTenant,
    async handle(ctx) {
      const customerId = idOf(ctx.event.object.customer);
      if (!customerId) return "ignored: the event names no customer";
      const sync = await syncCustomer(ctx, customerId);
      return describeSync(sync, idOf(ctx.event.object.id));
    },
  };
}
