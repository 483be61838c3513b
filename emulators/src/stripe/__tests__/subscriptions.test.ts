import type Stripe from "stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type StripeEmulator, startStripeEmulator } from "../index";
import { advanceClock, catalog, DAY, KEY, sdk, stripeError } from "./helpers";

let emulator: StripeEmulator;
let stripe: Stripe;

beforeAll(async () => {
  emulator = await startStripeEmulator({ apiKey: KEY });
  stripe = sdk(emulator);
});
afterAll(async () => {
  await emulator.stop();
});
beforeEach(() => emulator.clear());

const T0 = Date.UTC(2027, 0, 15, 12) / 1000;

async function customerOnClock(card = "pm_card_visa") {
  const clock = await stripe.testHelpers.testClocks.create({ frozen_time: T0, name: "tenant" });
  const customer = await stripe.customers.create({
    email: "billing@acme.test",
    test_clock: clock.id,
    metadata: { tenantId: "ten_1" },
  });
  const pm = await stripe.paymentMethods.attach(card, { customer: customer.id });
  await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: pm.id } });
  return { clock, customer, pm };
}

const types = (since = 0) =>
  emulator.store
    .all<Stripe.Event>("event")
    .reverse()
    .slice(since)
    .map((e) => e.type);

describe("subscriptions", () => {
  it("a paid subscription is active at once with its first invoice paid; items carry the period", async () => {
    const prices = await catalog(stripe);
    const { customer } = await customerOnClock();
    const sub = await stripe.subscriptions.create(
      {
        customer: customer.id,
        items: [{ price: prices.bizMonthly.id, quantity: 3 }, { price: prices.badgeMonthly.id }],
        metadata: { tenantId: "ten_1" },
        expand: ["latest_invoice"],
      },
      { idempotencyKey: "run-1/subscription" },
    );
    expect(sub.status).toBe("active");
    expect(sub.items.data.map((i) => [i.price.lookup_key, i.quantity])).toEqual([
      ["biz_m", 3],
      ["badge_m", 1],
    ]);
    expect(sub.items.data[0]?.current_period_start).toBe(T0);
    expect(sub.items.data[0]?.current_period_end).toBe(Date.UTC(2027, 1, 15, 12) / 1000);
    const invoice = sub.latest_invoice as Stripe.Invoice;
    expect(invoice).toMatchObject({
      status: "paid",
      amount_paid: 3 * 2999 + 499,
      billing_reason: "subscription_create",
      parent: { subscription_details: { subscription: sub.id } },
    });
    expect(invoice.hosted_invoice_url).toContain(`/i/${invoice.id}`);
    expect(invoice.lines.data.map((l) => l.description)).toEqual([
      "3 × Business (at $29.99 / month)",
      "1 × Verified badge (at $4.99 / month)",
    ]);
    const again = await stripe.subscriptions.create(
      {
        customer: customer.id,
        items: [{ price: prices.bizMonthly.id, quantity: 3 }, { price: prices.badgeMonthly.id }],
        metadata: { tenantId: "ten_1" },
        expand: ["latest_invoice"],
      },
      { idempotencyKey: "run-1/subscription" },
    );
    expect(again.id).toBe(sub.id);
  });

  it("trialing → trial_will_end 3 days before → first invoice at trial end → active", async () => {
    const prices = await catalog(stripe);
    const { clock, customer } = await customerOnClock();
    const sub = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: prices.proMonthly.id }],
      trial_period_days: 14,
    });
    expect(sub).toMatchObject({ status: "trialing", trial_start: T0, trial_end: T0 + 14 * DAY });
    const before = types().length;
    await advanceClock(stripe, clock.id, T0 + 12 * DAY);
    expect(types(before)).toContain("customer.subscription.trial_will_end");
    await advanceClock(stripe, clock.id, T0 + 15 * DAY);
    const after = await stripe.subscriptions.retrieve(sub.id, { expand: ["latest_invoice"] });
    expect(after.status).toBe("active");
    expect(after.items.data[0]?.current_period_start).toBe(T0 + 14 * DAY);
    expect(after.latest_invoice as Stripe.Invoice).toMatchObject({
      status: "paid",
      amount_paid: 999,
      billing_reason: "subscription_cycle",
    });
    expect(types(before)).toEqual(
      expect.arrayContaining(["invoice.created", "invoice.finalized", "invoice.paid", "customer.subscription.updated"]),
    );
  });

  it("a failed renewal: past_due, retries over 7 days, then unpaid; paying the invoice restores active", async () => {
    const prices = await catalog(stripe);
    const { clock, customer } = await customerOnClock();
    const sub = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: prices.proMonthly.id }] });
    // The card starts failing (4000000000000341 attaches, then every charge fails).
    const failing = await stripe.paymentMethods.attach("pm_card_chargeCustomerFail", { customer: customer.id });
    await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: failing.id } });
    const renewal = Date.UTC(2027, 1, 15, 12) / 1000;
    const before = types().length;
    await advanceClock(stripe, clock.id, renewal + 60);
    const pastDue = await stripe.subscriptions.retrieve(sub.id, { expand: ["latest_invoice"] });
    expect(pastDue.status).toBe("past_due");
    const invoice = pastDue.latest_invoice as Stripe.Invoice;
    expect(invoice).toMatchObject({ status: "open", attempt_count: 1, next_payment_attempt: renewal + 3 * DAY });
    expect(types(before)).toContain("invoice.payment_failed");

    await advanceClock(stripe, clock.id, renewal + 8 * DAY);
    const unpaid = await stripe.subscriptions.retrieve(sub.id);
    expect(unpaid.status).toBe("unpaid");
    expect((await stripe.invoices.retrieve(invoice.id)).attempt_count).toBe(4);

    const declined = await stripeError(stripe.invoices.pay(invoice.id));
    expect(declined).toMatchObject({ statusCode: 402, code: "card_declined" });
    const paid = await stripe.invoices.pay(invoice.id, { payment_method: "pm_card_visa" });
    expect(paid.status).toBe("paid");
    expect((await stripe.subscriptions.retrieve(sub.id)).status).toBe("active");
  });

  it("cancel at period end, resume, then cancel for good at the period's end", async () => {
    const prices = await catalog(stripe);
    const { clock, customer } = await customerOnClock();
    const sub = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: prices.proMonthly.id }] });
    const end = sub.items.data[0]?.current_period_end as number;
    expect((await stripe.subscriptions.update(sub.id, { cancel_at_period_end: true })).cancel_at).toBe(end);
    expect((await stripe.subscriptions.update(sub.id, { cancel_at_period_end: false })).cancel_at).toBeNull();
    await stripe.subscriptions.update(sub.id, { cancel_at_period_end: true });
    await advanceClock(stripe, clock.id, end + 60);
    const done = await stripe.subscriptions.retrieve(sub.id);
    expect(done).toMatchObject({ status: "canceled", ended_at: end });
    expect(types()).toContain("customer.subscription.deleted");
    expect((await stripe.subscriptions.list({ customer: customer.id })).data).toHaveLength(0);
    expect((await stripe.subscriptions.list({ customer: customer.id, status: "all" })).data).toHaveLength(1);
  });

  it("switching plans: the preview shows the proration, the update bills it on the next invoice", async () => {
    const prices = await catalog(stripe);
    const { clock, customer } = await customerOnClock();
    const sub = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: prices.proMonthly.id }] });
    const item = sub.items.data[0] as Stripe.SubscriptionItem;
    const half = T0 + 15 * DAY;
    await advanceClock(stripe, clock.id, half);
    const change = { items: [{ id: item.id, price: prices.bizMonthly.id }], proration_date: half };
    const preview = await stripe.invoices.createPreview({
      customer: customer.id,
      subscription: sub.id,
      subscription_details: change,
    });
    const prorations = preview.lines.data.filter((l) => l.parent?.subscription_item_details?.proration);
    expect(prorations).toHaveLength(2);
    const [credit, charge] = prorations.map((l) => l.amount) as [number, number];
    expect(credit).toBeLessThan(0);
    expect(charge).toBeGreaterThan(0);
    expect(preview.lines.data.at(-1)).toMatchObject({ amount: 2999, description: "1 × Business (at $29.99 / month)" });
    expect(preview.amount_due).toBe(credit + charge + 2999);
    expect(preview.id).toMatch(/^upcoming_in_/);
    // The preview changed nothing.
    expect((await stripe.subscriptions.retrieve(sub.id)).items.data[0]?.price.id).toBe(prices.proMonthly.id);

    const updated = await stripe.subscriptions.update(sub.id, change);
    expect(updated.items.data[0]).toMatchObject({ id: item.id, price: { id: prices.bizMonthly.id } });
    await advanceClock(stripe, clock.id, (item.current_period_end as number) + 60);
    const next = await stripe.invoices.retrieve((await stripe.subscriptions.retrieve(sub.id)).latest_invoice as string);
    expect(next.amount_paid).toBe(preview.amount_due);
  });

  it("monthly → yearly restarts the cycle now and invoices at once", async () => {
    const prices = await catalog(stripe);
    const { customer } = await customerOnClock();
    const sub = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: prices.proMonthly.id }] });
    const updated = await stripe.subscriptions.update(sub.id, {
      items: [{ id: sub.items.data[0]?.id as string, price: prices.proYearly.id }],
      expand: ["latest_invoice"],
    });
    expect(updated.items.data[0]?.current_period_end).toBe(Date.UTC(2028, 0, 15, 12) / 1000);
    expect((updated.latest_invoice as Stripe.Invoice).amount_paid).toBe(9990 - 999);
  });

  it("refuses what Stripe refuses: no card and no trial, mixed intervals", async () => {
    const prices = await catalog(stripe);
    const bare = await stripe.customers.create({ email: "nocard@x.test" });
    const noCard = await stripeError(
      stripe.subscriptions.create({ customer: bare.id, items: [{ price: prices.proMonthly.id }] }),
    );
    expect(noCard.message).toContain("no attached payment source or default payment method");
    const trial = await stripe.subscriptions.create({
      customer: bare.id,
      items: [{ price: prices.proMonthly.id }],
      trial_period_days: 14,
    });
    expect(trial.status).toBe("trialing");
    const mixed = await stripeError(
      stripe.subscriptions.create({
        customer: bare.id,
        items: [{ price: prices.proMonthly.id }, { price: prices.proYearly.id }],
        trial_period_days: 3,
      }),
    );
    expect(mixed.message).toContain("interval fields must match");
  });

  it("send_invoice subscriptions (Enterprise) are active with an open invoice due in days_until_due", async () => {
    const prices = await catalog(stripe);
    const bare = await stripe.customers.create({ email: "ent@x.test" });
    const sub = await stripe.subscriptions.create({
      customer: bare.id,
      items: [{ price: prices.bizMonthly.id, quantity: 10 }],
      collection_method: "send_invoice",
      days_until_due: 30,
      expand: ["latest_invoice"],
    });
    expect(sub.status).toBe("active");
    const invoice = sub.latest_invoice as Stripe.Invoice;
    expect(invoice).toMatchObject({ status: "open", collection_method: "send_invoice", amount_due: 29990 });
    expect(invoice.due_date).toBe((invoice.created as number) + 30 * DAY);
  });
});

describe("what Stripe refuses on a subscription that has ended", () => {
  it("a second cancel is 404, updates other than metadata are refused, and there is no upcoming invoice", async () => {
    const prices = await catalog(stripe);
    const { customer } = await customerOnClock();
    const sub = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: prices.proMonthly.id }] });
    await stripe.subscriptions.update(sub.id, { cancel_at_period_end: true });
    const none = await stripeError(stripe.invoices.createPreview({ customer: customer.id, subscription: sub.id }));
    expect(none).toMatchObject({ statusCode: 404, code: "invoice_upcoming_none" });
    await stripe.subscriptions.cancel(sub.id, { prorate: false });
    expect((await stripeError(stripe.subscriptions.cancel(sub.id))).statusCode).toBe(404);
    expect((await stripe.subscriptions.update(sub.id, { metadata: { note: "kept" } })).metadata.note).toBe("kept");
    const refused = await stripeError(stripe.subscriptions.update(sub.id, { cancel_at_period_end: false }));
    expect(refused.message).toContain("A canceled subscription can only update its cancellation_details and metadata.");
  });
});
