import type Stripe from "stripe";
import { stripeErrors } from "../errors";
import { embeddedList } from "../list";
import type { Engine } from "./invoicing";
import {
  advanceSubscriptions,
  assertChargeable,
  billPeriod,
  emptyCancellation,
  nextPeriodEnd,
  recurringLines,
} from "./lifecycle";
import { buildItem } from "./objects";
import { subscriptionState } from "./state";

export interface NewSubscription {
  customer: Stripe.Customer;
  items: { price: Stripe.Price; quantity: number; metadata: Record<string, string> }[];
  trialEnd: number | null;
  metadata: Record<string, string>;
  defaultPaymentMethod: string | null;
  collectionMethod: "charge_automatically" | "send_invoice";
  daysUntilDue: number | null;
  paymentBehavior: "allow_incomplete" | "default_incomplete" | "error_if_incomplete" | "pending_if_incomplete";
  offSession: boolean;
  cancelAtPeriodEnd: boolean;
  couponIds: string[];
  description: string | null;
  missingPaymentMethod: "cancel" | "create_invoice" | "pause";
}

/** Items must share currency and billing interval, as at Stripe. */
export function assertCompatiblePrices(prices: Stripe.Price[]): void {
  const [first] = prices;
  if (!first) throw stripeErrors.missingParam("items");
  for (const p of prices) {
    if (!p.recurring) {
      throw stripeErrors.badRequest(
        `The price specified is set to \`type=one_time\` but this field only accepts prices with \`type=recurring\`.`,
        { param: "items" },
      );
    }
    if (!p.active)
      throw stripeErrors.badRequest(`The price specified is inactive. This field only accepts active prices.`);
    if (
      p.currency !== first.currency ||
      p.recurring.interval !== first.recurring?.interval ||
      p.recurring.interval_count !== first.recurring?.interval_count
    ) {
      throw stripeErrors.badRequest(
        "Currency and interval fields must match across all plans on this subscription. Found mismatch in interval field.",
      );
    }
  }
}

/** Makes a discount (`di_…`) for a coupon on a subscription. */
export function discountFor(
  engine: Engine,
  couponId: string,
  sub: Stripe.Subscription,
  param: string,
): Stripe.Discount {
  const { store } = engine;
  const coupon = store.getOrThrow<Stripe.Coupon>("coupon", couponId, "coupon", param);
  if (!coupon.valid) throw stripeErrors.badRequest(`Coupon expired: ${coupon.id}`, { code: "coupon_expired", param });
  const start = store.nowFor(sub.customer as string);
  const end =
    coupon.duration === "forever"
      ? null
      : coupon.duration === "repeating"
        ? start + (coupon.duration_in_months ?? 1) * 30 * 86_400
        : start + 1;
  const discount: Stripe.Discount = {
    id: store.id("di"),
    object: "discount",
    checkout_session: null,
    customer: sub.customer as string,
    customer_account: null,
    end,
    invoice: null,
    invoice_item: null,
    promotion_code: null,
    source: { coupon: coupon.id, type: "coupon" },
    start,
    subscription: sub.id,
    subscription_item: null,
  };
  store.put(discount);
  coupon.times_redeemed += 1;
  return discount;
}

export function createSubscription(engine: Engine, input: NewSubscription): Stripe.Subscription {
  const { store, events } = engine;
  const { customer } = input;
  assertCompatiblePrices(input.items.map((i) => i.price));
  const now = store.nowFor(customer.id);
  const trialing = input.trialEnd !== null && input.trialEnd > now;
  const total = input.items.reduce((s, i) => s + (i.price.unit_amount ?? 0) * i.quantity, 0);
  const charging = input.collectionMethod === "charge_automatically" && !trialing && total > 0;
  if (charging && input.paymentBehavior !== "default_incomplete") {
    assertChargeable(customer, input.defaultPaymentMethod);
  }
  const id = store.id("sub");
  const sub: Stripe.Subscription = {
    id,
    object: "subscription",
    application: null,
    application_fee_percent: null,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null },
    billing_cycle_anchor: trialing ? (input.trialEnd as number) : now,
    billing_cycle_anchor_config: null,
    billing_mode: { flexible: null, type: "classic" },
    billing_schedules: [],
    billing_thresholds: null,
    cancel_at: null,
    cancel_at_period_end: input.cancelAtPeriodEnd,
    canceled_at: null,
    cancellation_details: emptyCancellation(),
    collection_method: input.collectionMethod,
    created: now,
    currency: input.items[0]?.price.currency ?? "usd",
    customer: customer.id,
    customer_account: null,
    days_until_due: input.collectionMethod === "send_invoice" ? (input.daysUntilDue ?? 30) : null,
    default_payment_method: input.defaultPaymentMethod,
    default_source: null,
    default_tax_rates: [],
    description: input.description,
    discounts: [],
    ended_at: null,
    invoice_settings: {
      account_tax_ids: null,
      custom_fields: null,
      description: null,
      footer: null,
      issuer: { type: "self" },
    },
    items: embeddedList([], `/v1/subscription_items?subscription=${id}`),
    latest_invoice: null,
    livemode: false,
    managed_payments: null,
    metadata: input.metadata,
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: null,
    payment_settings: { payment_method_options: null, payment_method_types: null, save_default_payment_method: "off" },
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    start_date: now,
    status: "incomplete",
    test_clock: typeof customer.test_clock === "string" ? customer.test_clock : null,
    transfer_data: null,
    trial_end: trialing ? input.trialEnd : null,
    trial_settings: {
      end_behavior: { billing_cycle_anchor: null, missing_payment_method: input.missingPaymentMethod },
    },
    trial_start: trialing ? now : null,
  };
  const period = { start: now, end: trialing ? (input.trialEnd as number) : 0 };
  sub.items.data = input.items.map((i) => buildItem(store, id, i.price, i.quantity, period, i.metadata));
  if (!trialing) {
    period.end = nextPeriodEnd(sub, now);
    for (const item of sub.items.data) item.current_period_end = period.end;
  }
  store.put(sub);
  subscriptionState(store, id);
  sub.discounts = input.couponIds.map((c, i) => discountFor(engine, c, sub, `discounts[${i}][coupon]`).id);

  const lines = recurringLines(engine, sub, period, trialing);
  if (input.paymentBehavior === "default_incomplete" && charging) {
    // The first invoice waits for the customer to confirm a payment (Elements); no charge now.
    billPeriod(engine, sub, "subscription_create", lines, period, { offSession: false, charge: false });
    sub.status = "incomplete";
  } else {
    const { invoice, paid } = billPeriod(engine, sub, "subscription_create", lines, period, {
      offSession: input.offSession,
    });
    if (!paid && input.paymentBehavior === "error_if_incomplete") {
      store.remove(sub.id);
      invoice.status = "void";
      throw stripeErrors.cardDeclined("generic_decline", "Your card was declined.");
    }
    sub.status = paid ? (trialing ? "trialing" : "active") : "incomplete";
  }
  events.emit("customer.subscription.created", sub);
  // Anything already due (a trial shorter than the trial_will_end notice) happens now.
  advanceSubscriptions(
    engine,
    () => [sub],
    now,
    () => {},
  );
  return sub;
}
