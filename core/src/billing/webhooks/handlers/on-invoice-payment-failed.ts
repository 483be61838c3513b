import { onPaymentFailed } from "../../dunning/payments";
import { upsertInvoice } from "../../invoices";
import { describeSync, syncCustomer } from "../sync-customer";
import { type EventHandler, idOf } from "../types";

/**
 * `invoice.payment_failed`: the invoice is recorded as it is now and the subscription synced; if
 * the invoice is still unpaid, dunning starts (or goes on) and the billing contacts are told. A
 * late delivery about an invoice paid since changes nothing.
 */
export const onInvoicePaymentFailed: EventHandler = {
  type: "invoice.payment_failed",
  customerOf: (object) => idOf(object.customer),
  async handle(ctx) {
    const invoiceId = idOf(ctx.event.object.id);
    if (!invoiceId) return "ignored: the event names no invoice";
    const invoice = await ctx.stripe.invoices.retrieve(invoiceId);
    const customerId = idOf(invoice.customer);
    if (!customerId) return `ignored: ${invoiceId} has no customer`;
    const sync = await syncCustomer(ctx, customerId);
    await upsertInvoice(ctx.tx, ctx.tenantId, invoice);
    if (invoice.status !== "open") {
      return `stale: ${invoice.number ?? invoiceId} is ${invoice.status} now; ${describeSync(sync, null)}`;
    }
    const dunning = await onPaymentFailed(ctx.tx, ctx.tenantId, invoice, ctx.now, { audit: ctx.audit });
    const moved = dunning.transition
      ? `dunning ${dunning.transition.from.state} → ${dunning.transition.to.state}`
      : `dunning stays ${dunning.state.state}`;
    return `payment failed for ${invoice.number ?? invoiceId} (attempt ${invoice.attempt_count}): ${moved}; ${describeSync(sync, null)}`;
  },
};
