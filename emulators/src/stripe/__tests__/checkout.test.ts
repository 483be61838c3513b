import type Stripe from "stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type StripeEmulator, startStripeEmulator } from "../index";
import { catalog, KEY, sdk, startReceiver } from "./helpers";

let emulator: StripeEmulator;
let stripe: Stripe;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const SECRET = "whsec_checkout_suite";

beforeAll(async () => {
  emulator = await startStripeEmulator({ apiKey: KEY });
  stripe = sdk(emulator);
  receiver = await startReceiver();
});
afterAll(async () => {
  await emulator.stop();
  await receiver.close();
});
beforeEach(() => {
  emulator.clear();
  receiver.received.length = 0;
  emulator.webhooks.addEndpoint({ url: receiver.url, secret: SECRET, enabledEvents: ["checkout.session.completed"] });
});

async function session(trialDays?: number) {
  const prices = await catalog(stripe);
  const customer = await stripe.customers.create({ email: "owner@sunset.test", metadata: { tenantId: "ten_sunset" } });
  return stripe.checkout.sessions.create({
    mode: "subscription",
    customer: customer.id,
    line_items: [{ price: prices.proMonthly.id, quantity: 1 }],
    success_url: "http://localhost:3000/console/billing?checkout={CHECKOUT_SESSION_ID}",
    cancel_url: "http://localhost:3000/console/billing",
    client_reference_id: "ten_sunset",
    metadata: { tenantId: "ten_sunset" },
    subscription_data: { metadata: { tenantId: "ten_sunset" }, ...(trialDays ? { trial_period_days: trialDays } : {}) },
  });
}

const post = (url: string, form: Record<string, string>) =>
  fetch(url, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form),
  });
const card = (number: string) => ({ card_number: number, expiry: "12 / 34", cvc: "123", name: "Sam Sunset" });

describe("Checkout Sessions and the hosted checkout page", () => {
  it("serves a real card form; a good card completes the session, subscribes and redirects", async () => {
    const s = await session();
    expect(s).toMatchObject({
      status: "open",
      mode: "subscription",
      url: `${emulator.url}/c/pay/${s.id}`,
      payment_status: "unpaid",
    });
    const pageHtml = await (await fetch(s.url as string)).text();
    expect(pageHtml).toContain('<form class="card" method="post"');
    expect(pageHtml).toContain('name="card_number"');
    expect(pageHtml).toContain("1 × Pro — $9.99 / month");

    const res = await post(s.url as string, card("4242 4242 4242 4242"));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`http://localhost:3000/console/billing?checkout=${s.id}`);
    const done = await stripe.checkout.sessions.retrieve(s.id, { expand: ["subscription", "line_items"] });
    expect(done).toMatchObject({ status: "complete", payment_status: "paid", client_reference_id: "ten_sunset" });
    const sub = done.subscription as Stripe.Subscription;
    expect(sub).toMatchObject({ status: "active", metadata: { tenantId: "ten_sunset" } });
    expect(done.line_items?.data[0]).toMatchObject({ quantity: 1, amount_total: 999 });
    const customer = (await stripe.customers.retrieve(done.customer as string)) as Stripe.Customer;
    const pm = await stripe.paymentMethods.retrieve(customer.invoice_settings.default_payment_method as string);
    expect(pm.card?.last4).toBe("4242");

    await emulator.webhooks.idle();
    expect(receiver.received).toHaveLength(1);
    const [delivery] = receiver.received;
    const event = stripe.webhooks.constructEvent(delivery?.body ?? "", delivery?.signature ?? "", SECRET);
    expect(event.type).toBe("checkout.session.completed");
    expect((event.data.object as Stripe.Checkout.Session).subscription).toBe(sub.id);
    expect((await fetch(s.url as string)).status).toBe(410);
  });

  it("declined and insufficient-funds cards stay on the page with Stripe's message", async () => {
    const s = await session();
    const declined = await post(s.url as string, card("4000000000000002"));
    expect(declined.status).toBe(402);
    expect(await declined.text()).toContain("Your card was declined.");
    const poor = await post(s.url as string, card("4000000000009995"));
    expect(await poor.text()).toContain("Your card has insufficient funds.");
    const bad = await post(s.url as string, { ...card("4242424242424242"), expiry: "01 / 20" });
    expect(await bad.text()).toContain("expiration year is in the past");
    expect((await stripe.checkout.sessions.retrieve(s.id)).status).toBe("open");
    expect((await stripe.subscriptions.list()).data).toHaveLength(0);
  });

  it("3-D Secure: failing the challenge returns to the form, completing it subscribes", async () => {
    const s = await session();
    const first = await post(s.url as string, card("4000002500003155"));
    expect(first.status).toBe(303);
    const challenge = `${emulator.url}${first.headers.get("location")}`;
    expect(await (await fetch(challenge)).text()).toContain("Complete authentication");
    const failed = await post(challenge, { outcome: "fail" });
    expect(await failed.text()).toContain("We are unable to authenticate your payment method.");
    expect((await stripe.checkout.sessions.retrieve(s.id)).status).toBe("open");

    const again = await post(s.url as string, card("4000002500003155"));
    const completed = await post(`${emulator.url}${again.headers.get("location")}`, { outcome: "complete" });
    expect(completed.status).toBe(303);
    expect((await stripe.checkout.sessions.retrieve(s.id)).status).toBe("complete");
  });

  it("a trial checkout saves the card and starts trialing without a charge", async () => {
    const s = await session(14);
    expect(await (await fetch(s.url as string)).text()).toContain("14 days free");
    await post(s.url as string, card("4242424242424242"));
    const done = await stripe.checkout.sessions.retrieve(s.id, { expand: ["subscription"] });
    expect(done.payment_status).toBe("no_payment_required");
    expect((done.subscription as Stripe.Subscription).status).toBe("trialing");
  });

  it("refuses bad sessions: no line items, a one-time price, an expired session", async () => {
    const s = await session();
    await stripe.checkout.sessions.expire(s.id);
    expect((await fetch(s.url as string)).status).toBe(410);
    await expect(
      stripe.checkout.sessions.create({ mode: "subscription", success_url: "http://localhost/x", line_items: [] }),
    ).rejects.toMatchObject({ statusCode: 400, param: "line_items" });
  });
});
