import type Stripe from "stripe";
import { type ChargeOutcome, chargeOutcome } from "../cards";
import type { EventBus } from "../events";
import { embeddedList } from "../list";
import { behaviourOf } from "../resources/payment-methods";
import { type StripeStore, wireDecimal } from "../store";
import { billingState } from "./state";

export interface Engine {
  store: StripeStore;
  events: EventBus;
  baseUrl: string;
}

export interface DraftLine {
  amount: number;
  description: string;
  period: { start: number; end: number };
  price: Stripe.Price | null;
  quantity: number | null;
  subscriptionItem: string | null;
  proration: boolean;
}

export interface DraftInvoice {
  customer: Stripe.Customer;
  subscription: Stripe.Subscription | null;
  reason: Stripe.Invoice.BillingReason;
  lines: DraftLine[];
  periodStart: number;
  periodEnd: number;
  /** A preview (`invoices.createPreview`, `invoice.upcoming`): `upcoming_in_…` id, never stored. */
  preview?: boolean;
}

/** The coupons discounting a subscription's invoices now (duration `once` only on the first). */
function activeDiscounts(store: StripeStore, sub: Stripe.Subscription | null, at: number): Stripe.Discount[] {
  if (!sub) return [];
  return sub.discounts
    .map((d) => store.get<Stripe.Discount>(typeof d === "string" ? d : d.id))
    .filter((d): d is Stripe.Discount => !!d && (d.end === null || d.end > at));
}

function discountAmount(store: StripeStore, discount: Stripe.Discount, subtotal: number): number {
  const couponId = discount.source.coupon;
  const coupon = couponId ? store.get<Stripe.Coupon>(typeof couponId === "string" ? couponId : couponId.id) : undefined;
  if (!coupon) return 0;
  if (coupon.percent_off !== null) return Math.round((subtotal * coupon.percent_off) / 100);
  return Math.min(subtotal, coupon.amount_off ?? 0);
}

/** A draft invoice with its lines and totals (stored and announced unless it is a preview). */
export function buildInvoice(engine: Engine, draft: DraftInvoice): Stripe.Invoice {
  const { store } = engine;
  const { customer, subscription: sub } = draft;
  const now = store.nowFor(customer.id);
  const id = draft.preview ? `upcoming_in_${store.id("x").slice(2)}` : store.id("in");
  const subtotal = draft.lines.reduce((s, l) => s + l.amount, 0);
  const discounts = activeDiscounts(store, sub, now);
  const positive = draft.lines.filter((l) => l.amount > 0).reduce((s, l) => s + l.amount, 0);
  const discountTotals = discounts.map((d) => ({ amount: discountAmount(store, d, positive), discount: d.id }));
  const discounted = Math.min(
    positive,
    discountTotals.reduce((s, d) => s + d.amount, 0),
  );
  const total = subtotal - discounted;
  const amountDue = Math.max(0, total);
  const lines: Stripe.InvoiceLineItem[] = draft.lines.map((l) => ({
    id: store.id("il"),
    object: "line_item",
    amount: l.amount,
    currency: "usd",
    description: l.description,
    discount_amounts: [],
    discountable: !l.proration || l.amount > 0,
    discounts: [],
    invoice: id,
    livemode: false,
    metadata: {},
    parent: l.subscriptionItem
      ? {
          type: "subscription_item_details",
          invoice_item_details: null,
          subscription_item_details: {
            invoice_item: null,
            proration: l.proration,
            proration_details: { credited_items: null },
            subscription: sub?.id ?? null,
            subscription_item: l.subscriptionItem,
          },
        }
      : null,
    period: l.period,
    pretax_credit_amounts: [],
    pricing: l.price
      ? {
          type: "price_details",
          price_details: {
            price: l.price.id,
            product: typeof l.price.product === "string" ? l.price.product : l.price.product.id,
          },
          unit_amount_decimal: wireDecimal(l.price.unit_amount ?? 0),
        }
      : null,
    quantity: l.quantity,
    quantity_decimal: l.quantity === null ? null : wireDecimal(l.quantity),
    subscription: sub?.id ?? null,
    subtotal: l.amount,
    taxes: [],
  }));
  const collection = sub?.collection_method ?? "charge_automatically";
  const invoice: Stripe.Invoice = {
    id,
    object: "invoice",
    account_country: "US",
    account_name: "MusicalWheel (Stripe emulator)",
    account_tax_ids: null,
    amount_due: amountDue,
    amount_overpaid: 0,
    amount_paid: 0,
    amount_remaining: amountDue,
    amount_shipping: 0,
    application: null,
    attempt_count: 0,
    attempted: false,
    auto_advance: !draft.preview,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null, provider: null, status: null },
    automatically_finalizes_at: null,
    billing_reason: draft.reason,
    collection_method: collection,
    created: now,
    currency: "usd",
    custom_fields: null,
    customer: customer.id,
    customer_account: null,
    customer_address: null,
    customer_email: customer.email,
    customer_name: customer.name ?? null,
    customer_phone: customer.phone ?? null,
    customer_shipping: null,
    customer_tax_exempt: "none",
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: null,
    discounts: discounts.map((d) => d.id),
    due_date: collection === "send_invoice" ? now + (sub?.days_until_due ?? 30) * 86_400 : null,
    effective_at: null,
    ending_balance: null,
    footer: customer.invoice_settings.footer,
    from_invoice: null,
    hosted_invoice_url: null,
    invoice_pdf: null,
    issuer: { type: "self" },
    last_finalization_error: null,
    latest_revision: null,
    lines: embeddedList(lines, `/v1/invoices/${id}/lines`),
    livemode: false,
    metadata: {},
    next_payment_attempt: null,
    number: null,
    on_behalf_of: null,
    parent: sub
      ? {
          type: "subscription_details",
          quote_details: null,
          subscription_details: { metadata: sub.metadata, subscription: sub.id },
        }
      : null,
    payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
    period_end: draft.periodEnd,
    period_start: draft.periodStart,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    rendering: null,
    shipping_cost: null,
    shipping_details: null,
    starting_balance: 0,
    statement_descriptor: null,
    status: "draft",
    status_transitions: { finalized_at: null, marked_uncollectible_at: null, paid_at: null, voided_at: null },
    subtotal,
    subtotal_excluding_tax: subtotal,
    test_clock: typeof customer.test_clock === "string" ? customer.test_clock : null,
    total,
    total_discount_amounts: discountTotals,
    total_excluding_tax: total,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: null,
  };
  if (draft.preview) return invoice;
  store.put(invoice);
  engine.events.emit("invoice.created", invoice);
  return invoice;
}

/** Draft → open: a number and the hosted page and PDF links. A $0 invoice is paid at once. */
export function finalizeInvoice(engine: Engine, invoice: Stripe.Invoice): void {
  const { store, events, baseUrl } = engine;
  if (invoice.status !== "draft") return;
  const customer = store.get<Stripe.Customer>(invoice.customer as string);
  const now = store.nowFor(invoice.customer as string);
  const seq = billingState(store).invoiceSequence;
  const prefix = customer?.invoice_prefix ?? "EMU";
  const n = (seq.get(prefix) ?? 0) + 1;
  seq.set(prefix, n);
  invoice.number = `${prefix}-${String(n).padStart(4, "0")}`;
  invoice.status = "open";
  invoice.status_transitions.finalized_at = now;
  invoice.effective_at = now;
  invoice.hosted_invoice_url = `${baseUrl}/i/${invoice.id}`;
  invoice.invoice_pdf = `${baseUrl}/i/${invoice.id}/pdf`;
  events.emit("invoice.finalized", invoice);
  if (invoice.amount_due === 0) markPaid(engine, invoice);
}

export function markPaid(engine: Engine, invoice: Stripe.Invoice): void {
  const now = engine.store.nowFor(invoice.customer as string);
  invoice.status = "paid";
  invoice.amount_paid = invoice.amount_due;
  invoice.amount_remaining = 0;
  invoice.status_transitions.paid_at = now;
  invoice.next_payment_attempt = null;
  engine.events.emit("invoice.paid", invoice);
  engine.events.emit("invoice.payment_succeeded", invoice);
}

/** The card an invoice is charged to: the subscription's, else the customer's default. */
export function paymentMethodFor(store: StripeStore, invoice: Stripe.Invoice): string | null {
  const subId = invoice.parent?.subscription_details?.subscription;
  const sub = subId ? store.get<Stripe.Subscription>(typeof subId === "string" ? subId : subId.id) : undefined;
  if (sub?.default_payment_method) return sub.default_payment_method as string;
  const customer = store.get<Stripe.Customer>(invoice.customer as string);
  return (customer?.invoice_settings.default_payment_method as string | null) ?? null;
}

export type PaymentResult = { ok: true } | { ok: false; outcome: Exclude<ChargeOutcome, { ok: true }> | null };

/**
 * Charges an open invoice once (an attempt): with `paymentMethod`, or the default card. Emits
 * `invoice.paid` or `invoice.payment_failed` (+ `invoice.payment_action_required` for 3-D Secure).
 * `outcome: null` means there was no card to charge.
 */
export function attemptPayment(
  engine: Engine,
  invoice: Stripe.Invoice,
  { offSession, paymentMethod }: { offSession: boolean; paymentMethod?: string },
): PaymentResult {
  if (invoice.status === "paid") return { ok: true };
  if (invoice.status !== "open") return { ok: false, outcome: null };
  const { store, events } = engine;
  const pm = paymentMethod ?? paymentMethodFor(store, invoice);
  invoice.attempt_count += 1;
  invoice.attempted = true;
  const outcome = pm ? chargeOutcome(behaviourOf(store, pm), { offSession }) : null;
  const customer = store.get<Stripe.Customer>(invoice.customer as string);
  if (outcome?.ok) {
    invoice.default_payment_method = pm;
    markPaid(engine, invoice);
    if (customer) customer.delinquent = false;
    return { ok: true };
  }
  if (customer) customer.delinquent = true;
  events.emit("invoice.payment_failed", invoice);
  if (outcome?.code === "authentication_required") events.emit("invoice.payment_action_required", invoice);
  return { ok: false, outcome };
}
