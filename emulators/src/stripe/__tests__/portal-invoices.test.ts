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

const T0 = Date.UTC(2027, 2, 1, 9) / 1000;
const form = (url: string, body: Record<string, string>) =>
  fetch(url, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(body),
  });
const card = (n: string) => ({ card_number: n, expiry: "11/33", cvc: "321", name: "Ada" });

async function subscribed(cardToken = "pm_card_visa") {
  const prices = await catalog(stripe);
  const clock = await stripe.testHelpers.testClocks.create({ frozen_time: T0 });
  const customer = await stripe.customers.create({ email: "bm@forest.test", test_clock: clock.id });
  const pm = await stripe.paymentMethods.attach(cardToken, { customer: customer.id });
  await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: pm.id } });
  const sub = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: prices.proMonthly.id }] });
  return { prices, clock, customer, sub };
}

describe("hosted invoice page and PDF", () => {
  it("shows the invoice, serves a real PDF, and takes a card to pay an open invoice", async () => {
    const { clock, customer, sub } = await subscribed();
    await fetch(`${emulator.url}/_emulator/customers/${customer.id}/card`, {
      method: "POST",
      body: JSON.stringify({ card: "4000000000000341" }),
    });
    await advanceClock(stripe, clock.id, T0 + 32 * DAY);
    const pastDue = await stripe.subscriptions.retrieve(sub.id, { expand: ["latest_invoice"] });
    expect(pastDue.status).toBe("past_due");
    const invoice = pastDue.latest_invoice as Stripe.Invoice;
    const html = await (await fetch(invoice.hosted_invoice_url as string)).text();
    expect(html).toContain(`Invoice ${invoice.number}`);
    expect(html).toContain("Pay $9.99");
    const pdf = await fetch(invoice.invoice_pdf as string);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    const bytes = Buffer.from(await pdf.arrayBuffer()).toString("latin1");
    expect(bytes.startsWith("%PDF-1.4")).toBe(true);
    expect(bytes).toContain(`(Invoice ${invoice.number}) Tj`);
    expect(bytes.trimEnd().endsWith("%%EOF")).toBe(true);

    const declined = await form(invoice.hosted_invoice_url as string, card("4000000000000002"));
    expect(await declined.text()).toContain("Your card was declined.");
    const paid = await form(invoice.hosted_invoice_url as string, card("4242424242424242"));
    expect(paid.status).toBe(303);
    expect((await stripe.invoices.retrieve(invoice.id)).status).toBe("paid");
    expect((await stripe.subscriptions.retrieve(sub.id)).status).toBe("active");
  });
});

describe("billing portal", () => {
  it("switches plan among the configured prices, cancels at period end, resumes, updates the card", async () => {
    const { prices, customer, sub } = await subscribed();
    await stripe.billingPortal.configurations.create({
      features: {
        invoice_history: { enabled: true },
        payment_method_update: { enabled: true },
        subscription_cancel: { enabled: true, mode: "at_period_end" },
        subscription_update: {
          enabled: true,
          default_allowed_updates: ["price"],
          proration_behavior: "create_prorations",
          products: [
            { product: "prod_pro", prices: [prices.proMonthly.id, prices.proYearly.id] },
            { product: "prod_biz", prices: [prices.bizMonthly.id] },
          ],
        },
      },
    });
    const session = await stripe.billingPortal.sessions.create({
      customer: customer.id,
      return_url: "http://localhost:3000/console/billing",
    });
    expect(session.url).toBe(`${emulator.url}/p/session/${session.id}`);
    const html = await (await fetch(session.url)).text();
    expect(html).toContain("Business — $29.99 / month");
    expect(html).toContain('href="http://localhost:3000/console/billing"');
    expect(html).toContain("visa •••• 4242");

    const switched = await form(session.url, { action: "switch", subscription: sub.id, price: prices.bizMonthly.id });
    expect(switched.status).toBe(303);
    expect((await stripe.subscriptions.retrieve(sub.id)).items.data[0]?.price.id).toBe(prices.bizMonthly.id);

    await form(session.url, { action: "cancel", subscription: sub.id });
    expect((await stripe.subscriptions.retrieve(sub.id)).cancel_at_period_end).toBe(true);
    await form(session.url, { action: "resume", subscription: sub.id });
    expect((await stripe.subscriptions.retrieve(sub.id)).cancel_at_period_end).toBe(false);

    const bad = await form(session.url, { action: "card", ...card("4000000000000002") });
    expect(await bad.text()).toContain("Your card was declined.");
    await form(session.url, { action: "card", ...card("5555555555554444") });
    const updated = (await stripe.customers.retrieve(customer.id)) as Stripe.Customer;
    const pm = await stripe.paymentMethods.retrieve(updated.invoice_settings.default_payment_method as string);
    expect(pm.card).toMatchObject({ brand: "mastercard", last4: "4444" });
    const offered = await form(session.url, { action: "switch", subscription: sub.id, price: prices.badgeMonthly.id });
    expect(await offered.text()).toContain("Choose one of the plans offered.");
  });

  it("a new card in the portal pays the past-due invoice at once", async () => {
    const { clock, customer, sub } = await subscribed();
    await fetch(`${emulator.url}/_emulator/customers/${customer.id}/card`, {
      method: "POST",
      body: JSON.stringify({ card: "pm_card_chargeCustomerFail" }),
    });
    await advanceClock(stripe, clock.id, T0 + 31 * DAY + 3600);
    expect((await stripe.subscriptions.retrieve(sub.id)).status).toBe("past_due");
    const session = await stripe.billingPortal.sessions.create({ customer: customer.id });
    await form(session.url, { action: "card", ...card("4242424242424242") });
    expect((await stripe.subscriptions.retrieve(sub.id)).status).toBe("active");
  });
});

describe("coupons and credit notes", () => {
  it("a 100 % forever coupon comps every invoice", async () => {
    const { clock, sub } = await subscribed();
    const comp = await stripe.coupons.create({ id: "mw_comp", percent_off: 100, duration: "forever", name: "Comp" });
    expect(comp).toMatchObject({ percent_off: 100, duration: "forever", valid: true });
    const updated = await stripe.subscriptions.update(sub.id, {
      discounts: [{ coupon: "mw_comp" }],
      expand: ["discounts"],
    });
    expect((updated.discounts[0] as Stripe.Discount).source.coupon).toBe("mw_comp");
    await advanceClock(stripe, clock.id, T0 + 32 * DAY);
    const invoice = await stripe.invoices.retrieve(
      (await stripe.subscriptions.retrieve(sub.id)).latest_invoice as string,
    );
    expect(invoice).toMatchObject({ subtotal: 999, total: 0, amount_due: 0, status: "paid" });
    expect(invoice.total_discount_amounts?.[0]?.amount).toBe(999);
    const cleared = await stripe.subscriptions.update(sub.id, { discounts: "" });
    expect(cleared.discounts).toEqual([]);
    expect((await stripeError(stripe.coupons.create({ percent_off: 150, duration: "once" }))).statusCode).toBe(400);
  });

  it("a credit note on a paid invoice is post-payment; on an open one it lowers what is due", async () => {
    const { sub } = await subscribed();
    const paidInvoice = sub.latest_invoice as string;
    const note = await stripe.creditNotes.create({
      invoice: paidInvoice,
      amount: 500,
      reason: "order_change",
      memo: "Goodwill",
    });
    expect(note).toMatchObject({ amount: 500, type: "post_payment", status: "issued", invoice: paidInvoice });
    expect(note.pdf).toContain(`/cn/${note.id}/pdf`);
    expect((await fetch(note.pdf)).headers.get("content-type")).toBe("application/pdf");
    expect((await stripe.invoices.retrieve(paidInvoice)).post_payment_credit_notes_amount).toBe(500);
    const tooMuch = await stripeError(stripe.creditNotes.create({ invoice: paidInvoice, amount: 900 }));
    expect(tooMuch).toMatchObject({ statusCode: 400, param: "amount" });
    expect((await stripe.creditNotes.list({ invoice: paidInvoice })).data).toHaveLength(1);
  });
});
