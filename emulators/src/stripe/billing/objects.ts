import type Stripe from "stripe";
import { embeddedList } from "../list";
import type { StripeStore } from "../store";
import { money } from "./periods";

/** The legacy `plan` Stripe still shows beside each item's price. */
export function planOf(price: Stripe.Price): Stripe.Plan {
  return {
    id: price.id,
    object: "plan",
    active: price.active,
    amount: price.unit_amount,
    amount_decimal: price.unit_amount_decimal,
    billing_scheme: price.billing_scheme,
    created: price.created,
    currency: price.currency,
    interval: price.recurring?.interval ?? "month",
    interval_count: price.recurring?.interval_count ?? 1,
    livemode: false,
    metadata: price.metadata,
    meter: price.recurring?.meter ?? null,
    nickname: price.nickname,
    product: typeof price.product === "string" ? price.product : price.product.id,
    tiers_mode: null,
    transform_usage: null,
    trial_period_days: price.recurring?.trial_period_days ?? null,
    usage_type: price.recurring?.usage_type ?? "licensed",
  };
}

export function buildItem(
  store: StripeStore,
  subscriptionId: string,
  price: Stripe.Price,
  quantity: number,
  period: { start: number; end: number },
  metadata: Record<string, string> = {},
): Stripe.SubscriptionItem {
  return {
    id: store.id("si", 14),
    object: "subscription_item",
    billing_thresholds: null,
    created: store.now(),
    current_period_end: period.end,
    current_period_start: period.start,
    current_trial: null,
    discounts: [],
    metadata,
    plan: planOf(price),
    price,
    quantity,
    subscription: subscriptionId,
    tax_rates: [],
  };
}

export const itemsOf = (sub: Stripe.Subscription): Stripe.SubscriptionItem[] => sub.items.data;

export function setItems(sub: Stripe.Subscription, items: Stripe.SubscriptionItem[]): void {
  sub.items = embeddedList(items, `/v1/subscription_items?subscription=${sub.id}`);
}

/** The billing period all items share (Stripe keeps them aligned in classic billing mode). */
export function periodOf(sub: Stripe.Subscription): { start: number; end: number } {
  const first = sub.items.data[0];
  return { start: first?.current_period_start ?? sub.start_date, end: first?.current_period_end ?? sub.start_date };
}

export function setPeriod(sub: Stripe.Subscription, period: { start: number; end: number }): void {
  for (const item of sub.items.data) {
    item.current_period_start = period.start;
    item.current_period_end = period.end;
  }
}

export function productName(store: StripeStore, price: Stripe.Price): string {
  const id = typeof price.product === "string" ? price.product : price.product.id;
  return store.get<Stripe.Product>(id)?.name ?? id;
}

/** "2 × Business (at $29.99 / month)", as Stripe describes a recurring line. */
export function lineDescription(store: StripeStore, price: Stripe.Price, quantity: number): string {
  const every = price.recurring ? ` / ${price.recurring.interval}` : "";
  return `${quantity} × ${productName(store, price)} (at ${money(price.unit_amount ?? 0, price.currency)}${every})`;
}

/** Every response shows the subscription's items with their prices as they are now. */
export function registerBillingViews(store: StripeStore): void {
  store.registerView<Stripe.Subscription>("subscription", (sub) => {
    for (const item of sub.items.data) {
      const current = store.get<Stripe.Price>(item.price.id);
      if (current) {
        item.price = structuredClone(current);
        item.plan = planOf(current);
      }
    }
    return sub;
  });
}
