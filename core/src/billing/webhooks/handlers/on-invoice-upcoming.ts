import { describeSync, syncCustomer } from "../sync-customer";
import { type EventHandler, idOf } from "../types";

/**
 * `invoice.upcoming` (a few days before a renewal): an invoice that does not exist yet, so nothing
 * is recorded; the subscription is synced so the console's next-payment date and seats are current.
 */
export const onInvoiceUpcoming: EventHandler = {
  type: "invoice.upcoming",
  customerOf: (object) => idOf(object.customer),
  async handle(ctx) {
    const customerId = idOf(ctx.event.object.customer);
    if (!customerId) return "ignored: the event names no customer";
    const sync = await syncCustomer(ctx, customerId);
    const due = ctx.event.object.next_payment_attempt;
    const when = typeof due === "number" ? ` (due ${new Date(due * 1000).toISOString().slice(0, 10)})` : "";
    return `upcoming renewal noted${when}; ${describeSync(sync, null)}`;
  },
};
