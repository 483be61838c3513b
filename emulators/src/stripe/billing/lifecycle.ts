import type Stripe from "stripe";
import { stripeErrors } from "../errors";
import { attemptPayment, buildInvoice, type DraftLine, type Engine, finalizeInvoice } from "./invoicing";
import { itemsOf, lineDescription, periodOf, productName, setPeriod } from "./objects";
import { addInterval, anchorDayOf, DAY, type Interval } from "./periods";
import { billingState, subscriptionState } from "./state";

/** An incomplete subscription whose first invoice stays unpaid this long expires (Stripe: 23 h). */
const INCOMPLETE_EXPIRY = 23 * 3600;

export function intervalOf(sub: Stripe.Subscription): { interval: Interval; count: number } {
  const price = itemsOf(sub)[0]?.price;
  return {
    interval: (price?.recurring?.interval ?? "month") as Interval,
    count: price?.recurring?.interval_count ?? 1,
  };
}

export function nextPeriodEnd(sub: Stripe.Subscription, start: number): number {
  const { interval, count } = intervalOf(sub);
  return addInterval(start, interval, count, anchorDayOf(sub.billing_cycle_anchor));
}

/** One line per item for a full period (0 during a trial). */
export function recurringLines(
  engine: Engine,
  sub: Stripe.Subscription,
  period: { start: number; end: number },
  trial = false,
): DraftLine[] {
  return itemsOf(sub).map((item) => {
    const quantity = item.quantity ?? 1;
    return {
      amount: trial ? 0 : (item.price.unit_amount ?? 0) * quantity,
      description: trial
        ? `Trial period for ${productName(engine.store, item.price)}`
        : lineDescription(engine.store, item.price, quantity),
      period,
      price: item.price,
      quantity,
      subscriptionItem: item.id,
      proration: false,
    };
  });
}

function customerOf(engine: Engine, sub: Stripe.Subscription): Stripe.Customer {
  return engine.store.getOrThrow<Stripe.Customer>("customer", sub.customer as string, "customer");
}

/** Changes status (and the fields that go with it), announcing `customer.subscription.updated`/`deleted`. */
export function setStatus(
  engine: Engine,
  sub: Stripe.Subscription,
  status: Stripe.Subscription.Status,
  before: Stripe.Subscription,
  reason?: Stripe.Subscription.CancellationDetails.Reason,
): void {
  const now = engine.store.nowFor(sub.customer as string);
  sub.status = status;
  if (status === "canceled" || status === "incomplete_expired") {
    sub.canceled_at ??= now;
    sub.ended_at = now;
    if (reason) sub.cancellation_details = { ...(sub.cancellation_details ?? emptyCancellation()), reason };
    subscriptionState(engine.store, sub.id).retry = null;
    engine.events.emit("customer.subscription.deleted", sub, { previous: before });
    return;
  }
  engine.events.emit("customer.subscription.updated", sub, { previous: before });
}

export const emptyCancellation = (): Stripe.Subscription.CancellationDetails => ({
  comment: null,
  feedback: null,
  feedback_option: null,
  reason: null,
});

/**
 * Bills a new period: an invoice for `lines` (plus pending prorations), finalized and — for
 * `charge_automatically` — charged. Returns whether it was paid (true for send_invoice: it is due later).
 */
export function billPeriod(
  engine: Engine,
  sub: Stripe.Subscription,
  reason: Stripe.Invoice.BillingReason,
  lines: DraftLine[],
  period: { start: number; end: number },
  { offSession, charge = true }: { offSession: boolean; charge?: boolean },
): { invoice: Stripe.Invoice; paid: boolean; noPaymentMethod: boolean } {
  const state = subscriptionState(engine.store, sub.id);
  const pending: DraftLine[] = state.pending.map((p) => ({
    amount: p.amount,
    description: p.description,
    period: p.period,
    price: engine.store.get<Stripe.Price>(p.priceId) ?? null,
    quantity: p.quantity,
    subscriptionItem: p.subscriptionItem,
    proration: true,
  }));
  state.pending = [];
  const invoice = buildInvoice(engine, {
    customer: customerOf(engine, sub),
    subscription: sub,
    reason,
    lines: [...pending, ...lines],
    periodStart: period.start,
    periodEnd: period.end,
  });
  sub.latest_invoice = invoice.id;
  finalizeInvoice(engine, invoice);
  if (invoice.status === "paid") return { invoice, paid: true, noPaymentMethod: false };
  if (!charge) return { invoice, paid: false, noPaymentMethod: false };
  if (sub.collection_method === "send_invoice") {
    engine.events.emit("invoice.sent", invoice);
    return { invoice, paid: true, noPaymentMethod: false };
  }
  const result = attemptPayment(engine, invoice, { offSession });
  return { invoice, paid: result.ok, noPaymentMethod: !result.ok && result.outcome === null };
}

/** A failed renewal enters Smart Retries (simplified): retries at the configured days, then the final setting. */
function startRetries(engine: Engine, sub: Stripe.Subscription, invoice: Stripe.Invoice, at: number): void {
  const { retryDays } = billingState(engine.store).settings;
  const first = retryDays[0];
  const state = subscriptionState(engine.store, sub.id);
  state.retry =
    first === undefined ? null : { invoiceId: invoice.id, firstFailedAt: at, retriesDone: 0, nextAt: at + first * DAY };
  invoice.next_payment_attempt = state.retry?.nextAt ?? null;
}

function finalFailure(engine: Engine, sub: Stripe.Subscription, before: Stripe.Subscription): void {
  const after = billingState(engine.store).settings.afterFinalRetry;
  subscriptionState(engine.store, sub.id).retry = null;
  if (after === "cancel") setStatus(engine, sub, "canceled", before, "payment_failed");
  else if (after === "unpaid" && sub.status !== "unpaid") setStatus(engine, sub, "unpaid", before);
}

/** The period ended: cancel (at period end / cancel_at), or start the next one and bill it. */
export function renew(engine: Engine, sub: Stripe.Subscription): void {
  const before = structuredClone(sub);
  const { end } = periodOf(sub);
  if (sub.cancel_at_period_end || (sub.cancel_at !== null && sub.cancel_at <= end)) {
    setStatus(engine, sub, "canceled", before, "cancellation_requested");
    return;
  }
  const endingTrial = sub.status === "trialing";
  const customer = customerOf(engine, sub);
  const hasCard = !!(sub.default_payment_method ?? customer.invoice_settings.default_payment_method);
  if (endingTrial && !hasCard && sub.trial_settings?.end_behavior.missing_payment_method === "cancel") {
    setStatus(engine, sub, "canceled", before, "cancellation_requested");
    return;
  }
  const period = { start: end, end: nextPeriodEnd(sub, end) };
  setPeriod(sub, period);
  const state = subscriptionState(engine.store, sub.id);
  state.upcomingSentFor = null;
  const { invoice, paid } = billPeriod(engine, sub, "subscription_cycle", recurringLines(engine, sub, period), period, {
    offSession: true,
  });
  if (sub.status === "unpaid") {
    // Stripe keeps invoicing an unpaid subscription but does not try to charge it.
    engine.events.emit("customer.subscription.updated", sub, { previous: before });
    return;
  }
  if (paid) {
    if (sub.status !== "active" || endingTrial) setStatus(engine, sub, "active", before);
    else engine.events.emit("customer.subscription.updated", sub, { previous: before });
    return;
  }
  startRetries(engine, sub, invoice, end);
  setStatus(engine, sub, "past_due", before);
}

/** A scheduled retry of the failed renewal invoice. */
export function retry(engine: Engine, sub: Stripe.Subscription): void {
  const state = subscriptionState(engine.store, sub.id);
  const r = state.retry;
  if (!r) return;
  const invoice = engine.store.get<Stripe.Invoice>(r.invoiceId);
  const before = structuredClone(sub);
  if (invoice?.status !== "open") {
    state.retry = null;
    return;
  }
  const result = attemptPayment(engine, invoice, { offSession: true });
  if (result.ok) {
    onInvoicePaid(engine, invoice);
    return;
  }
  r.retriesDone += 1;
  const nextDays = billingState(engine.store).settings.retryDays[r.retriesDone];
  if (nextDays === undefined) {
    invoice.next_payment_attempt = null;
    finalFailure(engine, sub, before);
    return;
  }
  r.nextAt = r.firstFailedAt + nextDays * DAY;
  invoice.next_payment_attempt = r.nextAt;
}

/** An invoice got paid (a retry, the hosted page, `invoices.pay`): its subscription is whole again. */
export function onInvoicePaid(engine: Engine, invoice: Stripe.Invoice): void {
  const subId = invoice.parent?.subscription_details?.subscription;
  if (!subId) return;
  const sub = engine.store.get<Stripe.Subscription>(typeof subId === "string" ? subId : subId.id);
  if (!sub) return;
  const state = subscriptionState(engine.store, sub.id);
  if (state.retry?.invoiceId === invoice.id) state.retry = null;
  const others = engine.store
    .all<Stripe.Invoice>("invoice")
    .some(
      (i) =>
        i.id !== invoice.id &&
        i.status === "open" &&
        i.collection_method === "charge_automatically" &&
        i.parent?.subscription_details?.subscription === sub.id,
    );
  if (others) return;
  if (sub.status === "past_due" || sub.status === "unpaid" || sub.status === "incomplete") {
    setStatus(
      engine,
      sub,
      sub.trial_end && sub.trial_end > engine.store.nowFor(sub.customer as string) ? "trialing" : "active",
      structuredClone(sub),
    );
  }
}

/** What is due next for a subscription, and when. */
export function nextDue(engine: Engine, sub: Stripe.Subscription): { at: number; run: () => void } | null {
  const settings = billingState(engine.store).settings;
  const state = subscriptionState(engine.store, sub.id);
  const due: { at: number; run: () => void }[] = [];
  const { end } = periodOf(sub);
  const live = ["active", "trialing", "past_due", "unpaid"].includes(sub.status);
  if (sub.status === "trialing" && sub.trial_end && !state.trialWillEndSent) {
    due.push({
      at: Math.max(sub.start_date, sub.trial_end - settings.trialWillEndDays * DAY),
      run: () => {
        state.trialWillEndSent = true;
        engine.events.emit("customer.subscription.trial_will_end", sub);
      },
    });
  }
  if (live && sub.status !== "unpaid" && !sub.cancel_at_period_end && state.upcomingSentFor !== end) {
    due.push({
      at: Math.max(sub.start_date, end - settings.upcomingDays * DAY),
      run: () => {
        state.upcomingSentFor = end;
        const next = { start: end, end: nextPeriodEnd(sub, end) };
        const preview = buildInvoice(engine, {
          customer: customerOf(engine, sub),
          subscription: sub,
          reason: "upcoming",
          lines: recurringLines(engine, sub, next),
          periodStart: next.start,
          periodEnd: next.end,
          preview: true,
        });
        engine.events.emit("invoice.upcoming", preview);
      },
    });
  }
  if (live)
    due.push({ at: sub.cancel_at !== null ? Math.min(end, sub.cancel_at) : end, run: () => renew(engine, sub) });
  if (state.retry && sub.status === "past_due") due.push({ at: state.retry.nextAt, run: () => retry(engine, sub) });
  if (sub.status === "incomplete") {
    due.push({
      at: sub.created + INCOMPLETE_EXPIRY,
      run: () => {
        const invoice = sub.latest_invoice ? engine.store.get<Stripe.Invoice>(sub.latest_invoice as string) : undefined;
        if (invoice?.status === "open") {
          invoice.status = "void";
          invoice.status_transitions.voided_at = engine.store.nowFor(sub.customer as string);
          engine.events.emit("invoice.voided", invoice);
        }
        setStatus(engine, sub, "incomplete_expired", structuredClone(sub));
      },
    });
  }
  due.sort((a, b) => a.at - b.at);
  return due[0] ?? null;
}

/**
 * Runs everything due for these subscriptions up to `target`, in time order, moving "now" with it
 * (`setNow`: a test clock's frozen time). Renewals, failed renewals and their retries, trial ends,
 * `invoice.upcoming`, `trial_will_end`, cancellations at period end, incomplete expiry.
 */
export function advanceSubscriptions(
  engine: Engine,
  subscriptions: () => Stripe.Subscription[],
  target: number,
  setNow: (t: number) => void,
): void {
  for (let guard = 0; guard < 10_000; guard++) {
    let best: { at: number; run: () => void } | null = null;
    for (const sub of subscriptions()) {
      const due = nextDue(engine, sub);
      if (due && due.at <= target && (!best || due.at < best.at)) best = due;
    }
    if (!best) break;
    setNow(best.at);
    best.run();
  }
  setNow(target);
}

/** Refuses a subscription request Stripe would refuse for the customer's missing card. */
export function assertChargeable(customer: Stripe.Customer, defaultPm: string | null): void {
  if (defaultPm ?? customer.invoice_settings.default_payment_method) return;
  throw stripeErrors.badRequest(
    "This customer has no attached payment source or default payment method. Please consider adding a default payment method. For more information, visit https://stripe.com/docs/billing/subscriptions/payment-methods-setting#payment-method-priority.",
    { code: "resource_missing" },
  );
}
