import type Stripe from "stripe";
import { type ItemChange, type ProrationBehavior, previewInvoice } from "../billing/changes";
import { attemptPayment, finalizeInvoice } from "../billing/invoicing";
import { onInvoicePaid } from "../billing/lifecycle";
import type { ApiContext, Route } from "../context";
import { StripeApiError, stripeErrors } from "../errors";
import { listPage } from "../list";
import { mergeMetadata } from "../params";
import { attachPaymentMethod, resolvePaymentMethod } from "./payment-methods";

function invoiceOf(ctx: ApiContext): Stripe.Invoice {
  return ctx.store.getOrThrow<Stripe.Invoice>("invoice", ctx.path.id ?? "", "invoice");
}

/** Charges an open invoice now (`invoices.pay`): a declined card answers Stripe's 402 card error. */
function pay(ctx: ApiContext): Stripe.Invoice {
  const { params, store } = ctx;
  params.only(["payment_method", "off_session", "paid_out_of_band", "forgive"]);
  const invoice = invoiceOf(ctx);
  if (invoice.status === "paid")
    throw stripeErrors.badRequest("Invoice is already paid", { code: "invoice_already_paid" });
  if (invoice.status === "draft") finalizeInvoice(ctx, invoice);
  if (invoice.status !== "open") {
    throw stripeErrors.badRequest(`This invoice cannot be paid: it is ${invoice.status}.`, {
      code: "invoice_not_editable",
    });
  }
  if (params.bool("paid_out_of_band")) {
    invoice.status = "paid";
    invoice.amount_paid = invoice.amount_due;
    invoice.amount_remaining = 0;
    invoice.status_transitions.paid_at = store.nowFor(invoice.customer as string);
    ctx.events.emit("invoice.paid", invoice);
    onInvoicePaid(ctx, invoice);
    return store.view(invoice);
  }
  let pm = params.str("payment_method");
  if (pm)
    pm = attachPaymentMethod(ctx, resolvePaymentMethod(store, pm, "payment_method"), invoice.customer as string).id;
  const result = attemptPayment(ctx, invoice, {
    offSession: params.bool("off_session") ?? true,
    ...(pm ? { paymentMethod: pm } : {}),
  });
  if (!result.ok) {
    if (!result.outcome) {
      throw stripeErrors.badRequest("Cannot charge a customer that has no active card or default payment method.", {
        code: "invoice_no_customer_line_items",
      });
    }
    throw stripeErrors.cardError(result.outcome.code, result.outcome.message, {
      decline_code: result.outcome.declineCode,
    });
  }
  onInvoicePaid(ctx, invoice);
  return store.view(invoice);
}

function createPreview(ctx: ApiContext): Stripe.Invoice {
  const { params, store } = ctx;
  params.only(["customer", "subscription", "subscription_details", "preview_mode"]);
  const subId = params.str("subscription");
  const details = params.obj("subscription_details");
  details?.only(["items", "proration_behavior", "proration_date", "cancel_at_period_end", "trial_end"]);
  if (!subId) {
    if (!params.str("customer")) throw stripeErrors.missingParam("customer");
    throw stripeErrors.badRequest("Previews without a subscription are not emulated: pass `subscription`.");
  }
  const sub = store.getOrThrow<Stripe.Subscription>("subscription", subId, "subscription", "subscription");
  const customer = params.str("customer");
  if (customer && customer !== sub.customer) {
    throw stripeErrors.badRequest("The subscription does not belong to this customer.", { param: "subscription" });
  }
  const items = details?.objs("items");
  // Nothing will be billed next: Stripe answers 404 `invoice_upcoming_none`.
  const ending =
    sub.status === "canceled" || sub.status === "incomplete_expired" || (sub.cancel_at_period_end && !items);
  if (ending) {
    throw new StripeApiError(
      404,
      "invalid_request_error",
      `No upcoming invoices for customer: ${sub.customer as string}`,
      {
        code: "invoice_upcoming_none",
      },
    );
  }
  const changes: ItemChange[] | null = items
    ? items.map((item) => {
        item.only(["id", "price", "quantity", "deleted", "metadata", "clear_usage"]);
        const price = item.str("price");
        const quantity = item.int("quantity");
        return {
          ...(item.str("id") ? { id: item.str("id") as string } : {}),
          ...(price ? { price: store.getOrThrow<Stripe.Price>("price", price, "price", item.name("price")) } : {}),
          ...(quantity !== undefined ? { quantity } : {}),
          ...(item.bool("deleted") ? { deleted: true } : {}),
        };
      })
    : null;
  const behavior = (details?.oneOf("proration_behavior", ["create_prorations", "none", "always_invoice"] as const) ??
    "create_prorations") as ProrationBehavior;
  const at = details?.int("proration_date") ?? store.nowFor(sub.customer as string);
  return previewInvoice(ctx, sub, changes, behavior, at);
}

function listInvoices({ params, store }: ApiContext): Stripe.ApiList<Stripe.Invoice> {
  params.only([
    "customer",
    "subscription",
    "status",
    "collection_method",
    "limit",
    "starting_after",
    "ending_before",
    "created",
  ]);
  const customer = params.str("customer");
  const sub = params.str("subscription");
  const status = params.oneOf("status", ["draft", "open", "paid", "uncollectible", "void"] as const);
  const items = store
    .all<Stripe.Invoice>("invoice")
    .filter(
      (i) =>
        (!customer || i.customer === customer) &&
        (!sub || i.parent?.subscription_details?.subscription === sub) &&
        (!status || i.status === status),
    );
  return listPage(store, items, params, "/v1/invoices");
}

function setStatusTo(ctx: ApiContext, status: "void" | "uncollectible"): Stripe.Invoice {
  const invoice = invoiceOf(ctx);
  if (invoice.status !== "open") {
    throw stripeErrors.badRequest(`You can only ${status === "void" ? "void" : "mark uncollectible"} an open invoice.`);
  }
  const now = ctx.store.nowFor(invoice.customer as string);
  invoice.status = status;
  invoice.next_payment_attempt = null;
  if (status === "void") invoice.status_transitions.voided_at = now;
  else invoice.status_transitions.marked_uncollectible_at = now;
  ctx.events.emit(status === "void" ? "invoice.voided" : "invoice.marked_uncollectible", invoice);
  return ctx.store.view(invoice);
}

export const invoiceRoutes: Route[] = [
  { method: "GET", path: "/v1/invoices", handler: listInvoices },
  { method: "POST", path: "/v1/invoices/create_preview", handler: createPreview },
  { method: "GET", path: "/v1/invoices/:id", handler: (ctx) => ctx.store.view(invoiceOf(ctx)) },
  {
    method: "POST",
    path: "/v1/invoices/:id",
    handler: (ctx) => {
      ctx.params.only(["metadata", "description", "footer"]);
      const invoice = invoiceOf(ctx);
      const before = structuredClone(invoice);
      invoice.metadata = mergeMetadata(invoice.metadata ?? {}, ctx.params.metadata());
      if (ctx.params.has("description")) invoice.description = ctx.params.str("description") || null;
      ctx.events.emit("invoice.updated", invoice, { previous: before });
      return ctx.store.view(invoice);
    },
  },
  {
    method: "GET",
    path: "/v1/invoices/:id/lines",
    handler: (ctx) => {
      const invoice = invoiceOf(ctx);
      return listPage(ctx.store, invoice.lines.data as never[], ctx.params, `/v1/invoices/${invoice.id}/lines`);
    },
  },
  {
    method: "POST",
    path: "/v1/invoices/:id/finalize",
    handler: (ctx) => {
      const invoice = invoiceOf(ctx);
      if (invoice.status !== "draft") throw stripeErrors.badRequest("This invoice is already finalized.");
      finalizeInvoice(ctx, invoice);
      return ctx.store.view(invoice);
    },
  },
  { method: "POST", path: "/v1/invoices/:id/pay", handler: pay },
  { method: "POST", path: "/v1/invoices/:id/void", handler: (ctx) => setStatusTo(ctx, "void") },
  { method: "POST", path: "/v1/invoices/:id/mark_uncollectible", handler: (ctx) => setStatusTo(ctx, "uncollectible") },
];
