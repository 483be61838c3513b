import { onPaymentSucceeded } from "../../dunning/payments";
import { upsertInvoice } from "../../invoices";
import { describeSync, syncCustomer } from "../sync-customer";
import { type EventHandler, idOf } from "../types";

/**
 * `invoice.paid`: the invoice as Stripe holds it now goes into the ledger, the subscription is
 * synced (a renewal moves the period, a paid past-due invoice makes it active) and dunning is
 * restored at once.
 */
export const onInvoicePaid: EventHandler = {
  type: "invoice.paid",
  customerOf: (object) => idOf(object.customer),
  async handle(ctx) {
    const invoiceId = idOf(ctx.event.object.id);
    if (!invoiceId) return "ignored: the event names no invoice";
    const invoice = await ctx.stripe.invoices.retrieve(invoiceId);
    const customerId = idOf(invoice.customer);
    if (!customerId) return `ignored: ${invoiceId} has no customer`;
    const sync = await syncCustomer(ctx, customerId);
    const recorded = await upsertInvoice(ctx.tx, ctx.tenantId, invoice);
    if (invoice.status !== "paid") {
      return `stale: ${invoiceId} is ${invoice.status}, not paid; ${describeSync(sync, null)}`;
    }
    const dunning = await onPaymentSucceeded(ctx.tx, ctx.tenantId, invoice, ctx.now, { audit: ctx.audit });
    const restored = dunning.transition
      ? `; dunning ${dunning.transition.from.state} → ${dunning.transition.to.state}`
      : "";
    return `invoice ${invoice.number ?? invoiceId} paid${recorded.before === "paid" ? " (already recorded)" : ""}${restored}; ${describeSync(sync, null)}`;
  },
};
