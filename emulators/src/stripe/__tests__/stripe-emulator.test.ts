import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { EMULATED_API_VERSION, type StripeEmulator, startStripeEmulator } from "../index";

const KEY = "sk_test_emulator_suite";
let emulator: StripeEmulator;
let stripe: Stripe;

function client(key = KEY, retries = 0): Stripe {
  const url = new URL(emulator.url);
  return new Stripe(key, {
    host: url.hostname,
    port: url.port,
    protocol: "http",
    apiVersion: EMULATED_API_VERSION as Stripe.LatestApiVersion,
    maxNetworkRetries: retries,
  });
}

async function stripeError(call: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  const err = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Stripe.errors.StripeError);
  return err as Stripe.errors.StripeError;
}

beforeAll(async () => {
  emulator = await startStripeEmulator({ apiKey: KEY, webhook: { retryDelaysMs: [50, 100], timeoutMs: 1000 } });
  stripe = client();
});
afterAll(async () => {
  await emulator.stop();
});
beforeEach(() => emulator.clear());

describe("Stripe emulator, driven by the real stripe SDK", () => {
  it("serves the API version the SDK pins, and echoes the one it is sent", async () => {
    expect(EMULATED_API_VERSION).toBe(Stripe.API_VERSION);
    await stripe.products.create({ name: "Pro" });
    expect(emulator.requests[0]).toMatchObject({ stripeVersion: EMULATED_API_VERSION, status: 200 });
    const res = await fetch(`${emulator.url}/v1/products`, {
      headers: { authorization: `Bearer ${KEY}`, "stripe-version": "2024-06-20" },
    });
    expect(res.headers.get("stripe-version")).toBe("2024-06-20");
    const bad = await fetch(`${emulator.url}/v1/products`, {
      headers: { authorization: `Bearer ${KEY}`, "stripe-version": "yesterday" },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toBe(
      "Invalid Stripe API version: yesterday",
    );
  });

  it("parses form bodies into nested objects and arrays, and answers complete objects", async () => {
    const product = await stripe.products.create({ name: "Pro", id: "mw_plan_pro", metadata: { tier: "2", a: "b" } });
    expect(product).toMatchObject({
      id: "mw_plan_pro",
      object: "product",
      active: true,
      livemode: false,
      metadata: { tier: "2", a: "b" },
      default_price: null,
      images: [],
    });
    const price = await stripe.prices.create({
      product: product.id,
      currency: "usd",
      unit_amount: 999,
      recurring: { interval: "month" },
      lookup_key: "mw_pro_monthly",
    });
    expect(emulator.requests.at(-1)?.params).toMatchObject({
      recurring: { interval: "month" },
      unit_amount: "999",
      lookup_key: "mw_pro_monthly",
    });
    expect(price).toMatchObject({
      object: "price",
      type: "recurring",
      unit_amount: 999,
      recurring: { interval: "month", interval_count: 1, usage_type: "licensed", meter: null },
      billing_scheme: "per_unit",
    });
  });

  it("finds prices by lookup_keys[] and expands the product", async () => {
    await stripe.products.create({ name: "Pro", id: "p1" });
    for (const [key, amount] of [
      ["k_month", 999],
      ["k_year", 9990],
      ["other", 1],
    ] as const) {
      await stripe.prices.create({
        product: "p1",
        currency: "usd",
        unit_amount: amount,
        recurring: { interval: "month" },
        lookup_key: key,
      });
    }
    const found = await stripe.prices.list({ lookup_keys: ["k_month", "k_year"], expand: ["data.product"] });
    expect(found.data.map((p) => p.lookup_key).sort()).toEqual(["k_month", "k_year"]);
    expect((found.data[0]?.product as Stripe.Product | undefined)?.id).toBe("p1");
    const raw = await fetch(`${emulator.url}/v1/prices?lookup_keys[]=other`, {
      headers: { authorization: `Bearer ${KEY}` },
    });
    expect(((await raw.json()) as { data: { unit_amount: number }[] }).data.map((p) => p.unit_amount)).toEqual([1]);
  });

  it("moves a lookup key only with transfer_lookup_key", async () => {
    await stripe.products.create({ name: "Pro", id: "p1" });
    const params = { product: "p1", currency: "usd", unit_amount: 5, lookup_key: "k" };
    const first = await stripe.prices.create(params);
    const err = await stripeError(stripe.prices.create(params));
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(err.message).toContain(`A price (\`${first.id}\`) already uses that lookup key.`);
    const second = await stripe.prices.create({ ...params, transfer_lookup_key: true });
    expect(second.lookup_key).toBe("k");
    expect((await stripe.prices.retrieve(first.id)).lookup_key).toBeNull();
  });

  it("pages lists newest first with has_more, starting_after and ending_before", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await stripe.customers.create({ email: `c${i}@x.test` })).id);
    const newest = [...ids].reverse();
    const page1 = await stripe.customers.list({ limit: 3 });
    expect(page1.data.map((c) => c.id)).toEqual(newest.slice(0, 3));
    expect(page1.has_more).toBe(true);
    const page2 = await stripe.customers.list({ limit: 3, starting_after: page1.data.at(-1)?.id as string });
    expect(page2.data.map((c) => c.id)).toEqual(newest.slice(3, 6));
    const back = await stripe.customers.list({ limit: 2, ending_before: page2.data[0]?.id as string });
    expect(back.data.map((c) => c.id)).toEqual(newest.slice(1, 3));
    const all = await stripe.customers.list({ limit: 2 }).autoPagingToArray({ limit: 100 });
    expect(all.map((c) => c.id)).toEqual(newest);
    const err = await stripeError(stripe.customers.list({ limit: 101 }));
    expect(err.statusCode).toBe(400);
  });

  it("replays a POST with the same Idempotency-Key and refuses it with other parameters", async () => {
    const a = await stripe.customers.create({ email: "a@x.test" }, { idempotencyKey: "run-1/step-customer" });
    const b = await stripe.customers.create({ email: "a@x.test" }, { idempotencyKey: "run-1/step-customer" });
    expect(b.id).toBe(a.id);
    expect(emulator.requests.at(-1)).toMatchObject({ replayed: true, idempotencyKey: "run-1/step-customer" });
    expect((await stripe.customers.list()).data).toHaveLength(1);
    const err = await stripeError(
      stripe.customers.create({ email: "other@x.test" }, { idempotencyKey: "run-1/step-customer" }),
    );
    expect(err).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(err.statusCode).toBe(400);
    // The SDK gives every POST a key of its own when none is passed.
    await stripe.customers.create({ email: "c@x.test" });
    expect(emulator.requests.at(-1)?.idempotencyKey).toMatch(/^stripe-node-retry-/);
  });

  it("answers Stripe's error objects: 401, 404 resource_missing, unknown and missing parameters", async () => {
    const unauth = await stripeError(client("sk_test_wrong").customers.list());
    expect(unauth).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(unauth.statusCode).toBe(401);
    const missing = await stripeError(stripe.customers.retrieve("cus_nope"));
    expect(missing).toMatchObject({ statusCode: 404, code: "resource_missing", param: "id" });
    expect(missing.message).toContain("No such customer: 'cus_nope'");
    const unknown = await stripeError(stripe.prices.update("price_x", { unit_amount: 5 } as Stripe.PriceUpdateParams));
    expect(unknown).toMatchObject({ statusCode: 400, code: "parameter_unknown", param: "unit_amount" });
    const required = await stripeError(stripe.prices.create({ currency: "usd", unit_amount: 1 }));
    expect(required).toMatchObject({ statusCode: 400, code: "parameter_missing", param: "product" });
    const route = await fetch(`${emulator.url}/v1/nothing`, { headers: { authorization: `Bearer ${KEY}` } });
    expect(route.status).toBe(404);
  });

  it("injected 500s are retried by the SDK with the same Idempotency-Key", async () => {
    emulator.failNext({ path: "/v1/customers", method: "POST", status: 500, times: 2 });
    const retrying = client(KEY, 2);
    const customer = await retrying.customers.create({ email: "r@x.test" }, { idempotencyKey: "k-retry" });
    const posts = emulator.requests.filter((r) => r.path === "/v1/customers");
    expect(posts.map((r) => r.status)).toEqual([500, 500, 200]);
    expect(new Set(posts.map((r) => r.idempotencyKey))).toEqual(new Set(["k-retry"]));
    expect((await stripe.customers.list()).data.map((c) => c.id)).toEqual([customer.id]);
  });

  it("attaches test cards: visa works, a declining card is refused with a card error", async () => {
    const customer = await stripe.customers.create({ email: "card@x.test" });
    const pm = await stripe.paymentMethods.attach("pm_card_visa", { customer: customer.id });
    expect(pm).toMatchObject({ customer: customer.id, type: "card", card: { last4: "4242", brand: "visa" } });
    await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: pm.id } });
    expect((await stripe.customers.retrieve(customer.id)) as Stripe.Customer).toMatchObject({
      invoice_settings: { default_payment_method: pm.id },
    });
    const declined = await stripeError(
      stripe.paymentMethods.attach("pm_card_chargeDeclined", { customer: customer.id }),
    );
    expect(declined).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(declined).toMatchObject({ statusCode: 402, code: "card_declined", decline_code: "generic_decline" });
    const listed = await stripe.customers.listPaymentMethods(customer.id);
    expect(listed.data.map((p) => p.id)).toEqual([pm.id]);
  });

  it("meters: events with a unique identifier, summed in event summaries", async () => {
    const customer = await stripe.customers.create({ email: "m@x.test" });
    const meter = await stripe.billing.meters.create({
      display_name: "RSVPs",
      event_name: "mw_rsvps",
      default_aggregation: { formula: "sum" },
    });
    const now = Math.floor(Date.now() / 1000);
    for (const [id, value] of [
      ["u1", "3"],
      ["u2", "4"],
    ] as const) {
      await stripe.billing.meterEvents.create({
        event_name: "mw_rsvps",
        identifier: id,
        payload: { stripe_customer_id: customer.id, value },
        timestamp: now - 60,
      });
    }
    const dup = await stripeError(
      stripe.billing.meterEvents.create({
        event_name: "mw_rsvps",
        identifier: "u1",
        payload: { stripe_customer_id: customer.id, value: "3" },
      }),
    );
    expect(dup).toMatchObject({ statusCode: 400, param: "identifier" });
    const summaries = await stripe.billing.meters.listEventSummaries(meter.id, {
      customer: customer.id,
      start_time: now - 3600,
      end_time: now + 60,
    });
    expect(summaries.data.map((s) => s.aggregated_value)).toEqual([7]);
  });
});

describe("webhooks", () => {
  let receiver: Server;
  let receiverUrl: string;
  const received: { body: string; signature: string }[] = [];
  let answer = 200;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c));
      req.on("end", () => {
        received.push({ body, signature: String(req.headers["stripe-signature"]) });
        res.writeHead(answer).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  });
  afterAll(() => new Promise<void>((r) => receiver.close(() => r())));
  beforeEach(() => {
    received.length = 0;
    answer = 200;
  });
  afterEach(() => emulator.webhooks.clear());

  it("signs each delivery so stripe.webhooks.constructEvent verifies it, and serves the event by id", async () => {
    const endpoint = await stripe.webhookEndpoints.create({ url: receiverUrl, enabled_events: ["customer.created"] });
    // Only hex after the prefix: the apps validate STRIPE_WEBHOOK_SECRET with one pattern.
    expect(endpoint.secret).toMatch(/^whsec_[0-9a-f]{48}$/);
    const customer = await stripe.customers.create({ email: "w@x.test" });
    await stripe.products.create({ name: "not subscribed" });
    await emulator.webhooks.idle();
    expect(received).toHaveLength(1);
    const delivery = received[0] as { body: string; signature: string };
    const event = stripe.webhooks.constructEvent(delivery.body, delivery.signature, endpoint.secret as string);
    expect(event.type).toBe("customer.created");
    expect((event.data.object as Stripe.Customer).id).toBe(customer.id);
    expect(() => stripe.webhooks.constructEvent(delivery.body, delivery.signature, "whsec_other")).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
    const fetched = await stripe.events.retrieve(event.id);
    expect(fetched).toMatchObject({ id: event.id, type: "customer.created", api_version: EMULATED_API_VERSION });
    const listed = await stripe.events.list({ type: "customer.created" });
    expect(listed.data.map((e) => e.id)).toContain(event.id);
  });

  it("retries a delivery the endpoint refused, until it answers 2xx", async () => {
    emulator.webhooks.addEndpoint({ url: receiverUrl, secret: "whsec_retry" });
    answer = 500;
    await stripe.customers.create({ email: "retry@x.test" });
    await new Promise((r) => setTimeout(r, 20));
    answer = 200;
    await emulator.webhooks.idle();
    const [delivery] = emulator.webhooks.deliveries();
    expect(delivery?.state).toBe("delivered");
    expect(delivery?.attempts.map((a) => a.status)).toEqual([500, 200]);
  });

  it("duplicates, pauses and drops deliveries on request", async () => {
    emulator.webhooks.addEndpoint({ url: receiverUrl, secret: "whsec_switches" });
    emulator.webhooks.settings.duplicate = true;
    await stripe.customers.create({ email: "dup@x.test" });
    await emulator.webhooks.idle();
    expect(received).toHaveLength(2);
    expect(JSON.parse(received[0]?.body ?? "{}").id).toBe(JSON.parse(received[1]?.body ?? "{}").id);

    emulator.webhooks.settings.duplicate = false;
    emulator.webhooks.settings.paused = true;
    await stripe.customers.create({ email: "held@x.test" });
    await emulator.webhooks.idle();
    expect(received).toHaveLength(2);
    emulator.webhooks.resume();
    await emulator.webhooks.idle();
    expect(received).toHaveLength(3);

    emulator.webhooks.settings.drop = true;
    const dropped = await stripe.customers.create({ email: "dropped@x.test" });
    await emulator.webhooks.idle();
    expect(received).toHaveLength(3);
    // The event still exists for reconciliation to find.
    const events = await stripe.events.list({ type: "customer.created", limit: 1 });
    expect((events.data[0]?.data.object as Stripe.Customer | undefined)?.id).toBe(dropped.id);
  });
});
