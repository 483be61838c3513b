import Stripe from "stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type StripeEmulator, startStripeEmulator } from "../index";
import { advanceClock, catalog, DAY, KEY, sdk, startReceiver, stripeError } from "./helpers";

let emulator: StripeEmulator;
let stripe: Stripe;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  emulator = await startStripeEmulator({ apiKey: KEY, webhook: { retryDelaysMs: [30, 30], timeoutMs: 300 } });
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
  receiver.answer.status = 200;
});

const control = (path: string, body?: unknown) =>
  fetch(`${emulator.url}/_emulator/${path}`, {
    method: body === undefined ? "GET" : "POST",
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  }).then((r) => r.json() as Promise<Record<string, unknown>>);

describe("the emulator's control API", () => {
  it("injects a 402 card error, a 500 and a timeout on the next requests to a path", async () => {
    await control("fail", { path: "/v1/customers", method: "POST", status: 402 });
    const declined = await stripeError(stripe.customers.create({ email: "a@x.test" }));
    expect(declined).toBeInstanceOf(Stripe.errors.StripeCardError);
    await control("fail", { path: "/v1/customers", method: "GET", status: 503, times: 1 });
    expect((await stripeError(stripe.customers.list())).statusCode).toBe(503);
    await control("fail", { path: "/v1/customers", method: "GET", delayMs: 2_000 });
    const impatient = new Stripe(KEY, {
      host: "127.0.0.1",
      port: emulator.port,
      protocol: "http",
      timeout: 200,
      maxNetworkRetries: 0,
    });
    const slow = await stripeError(impatient.customers.list());
    expect(slow).toBeInstanceOf(Stripe.errors.StripeConnectionError);
  });

  it("lists deliveries, shuffles their order and gives up after the retries on a failing endpoint", async () => {
    await control("webhooks/endpoints", { url: receiver.url, secret: "whsec_control" });
    await control("webhooks/settings", { paused: true, shuffle: true });
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push((await stripe.customers.create({ email: `c${i}@x.test` })).id);
    expect(receiver.received).toHaveLength(0);
    await control("webhooks/settings", { paused: false });
    await control("deliveries/idle", {});
    const order = receiver.received
      .map((r) => (JSON.parse(r.body) as Stripe.Event).data.object as { id: string })
      .map((o) => o.id);
    expect([...order].sort()).toEqual([...ids].sort());
    // Shuffled: 8 deliveries in creation order by chance would be 1 in 40,320.
    expect(order).not.toEqual(ids);

    receiver.answer.status = 500;
    await control("webhooks/settings", { shuffle: false });
    const customer = await stripe.customers.create({ email: "doomed@x.test" });
    await control("deliveries/idle", {});
    const { data } = (await control(`deliveries?type=customer.created`)) as {
      data: { eventId: string; state: string; attempts: { status: number }[] }[];
    };
    const doomed = data.at(-1);
    expect(doomed?.state).toBe("failed");
    expect(doomed?.attempts.map((a) => a.status)).toEqual([500, 500, 500]);
    const event = (await stripe.events.list({ type: "customer.created", limit: 1 })).data[0];
    expect((event?.data.object as Stripe.Customer | undefined)?.id).toBe(customer.id);
    expect(event?.pending_webhooks).toBe(1);
    const undelivered = await stripe.events.list({ delivery_success: false });
    expect(undelivered.data.map((e) => e.id)).toContain(event?.id);
    receiver.answer.status = 200;
    await control(`events/${event?.id}/redeliver`, {});
    await control("deliveries/idle", {});
    expect((await stripe.events.retrieve(event?.id as string)).pending_webhooks).toBe(0);
  });

  it("billing settings: cancel after the final retry; the emulator clock runs renewals for clockless customers", async () => {
    await control("billing/settings", { afterFinalRetry: "cancel", retryDays: [1] });
    const prices = await catalog(stripe);
    const customer = await stripe.customers.create({ email: "plain@x.test", payment_method: "pm_card_visa" });
    const pm = (await stripe.customers.listPaymentMethods(customer.id)).data[0];
    await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: pm?.id as string } });
    const sub = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: prices.proMonthly.id }] });
    await control(`customers/${customer.id}/card`, { card: "4000000000000341" });
    await control("clock", { advanceMs: 35 * DAY * 1000 });
    const ended = await stripe.subscriptions.retrieve(sub.id);
    expect(ended.status).toBe("canceled");
    expect(ended.cancellation_details?.reason).toBe("payment_failed");
  });

  it("models the rate limit on request: over it in one second answers 429 rate_limit", async () => {
    await control("rate-limit", { perSecond: 3 });
    try {
      const results = await Promise.allSettled(Array.from({ length: 8 }, () => stripe.customers.list({ limit: 1 })));
      const limited = results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason);
      expect(limited.length).toBeGreaterThanOrEqual(4);
      expect(limited[0]).toBeInstanceOf(Stripe.errors.StripeRateLimitError);
      expect(limited[0]).toMatchObject({ statusCode: 429, code: "rate_limit" });
    } finally {
      await control("rate-limit", { perSecond: null });
    }
    await stripe.customers.list({ limit: 1 });
  });

  it("test clocks: advancing answers 'advancing' and refuses to go back", async () => {
    const clock = await stripe.testHelpers.testClocks.create({ frozen_time: 1_800_000_000 });
    await advanceClock(stripe, clock.id, 1_800_000_000 + DAY);
    const back = await stripeError(stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: 1_800_000_000 }));
    expect(back).toMatchObject({ statusCode: 400, param: "frozen_time" });
  });
});
