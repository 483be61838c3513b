import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { expect } from "vitest";
import { EMULATED_API_VERSION, type StripeEmulator } from "../index";

export const KEY = "sk_test_emulator_suite";

/** The real SDK pointed at the emulator. */
export function sdk(emulator: StripeEmulator, key = KEY, retries = 0): Stripe {
  const url = new URL(emulator.url);
  return new Stripe(key, {
    host: url.hostname,
    port: url.port,
    protocol: "http",
    apiVersion: EMULATED_API_VERSION as Stripe.LatestApiVersion,
    maxNetworkRetries: retries,
  });
}

export async function stripeError(call: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  const err = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Stripe.errors.StripeError);
  return err as Stripe.errors.StripeError;
}

/** A product with monthly and yearly prices, by lookup key. */
export async function catalog(stripe: Stripe) {
  await stripe.products.create({ id: "prod_pro", name: "Pro" });
  await stripe.products.create({ id: "prod_biz", name: "Business" });
  await stripe.products.create({ id: "prod_badge", name: "Verified badge" });
  const price = (product: string, unit_amount: number, interval: "month" | "year", lookup_key: string) =>
    stripe.prices.create({ product, currency: "usd", unit_amount, recurring: { interval }, lookup_key });
  return {
    proMonthly: await price("prod_pro", 999, "month", "pro_m"),
    proYearly: await price("prod_pro", 9990, "year", "pro_y"),
    bizMonthly: await price("prod_biz", 2999, "month", "biz_m"),
    badgeMonthly: await price("prod_badge", 499, "month", "badge_m"),
  };
}

/** Advances a test clock and waits, as a client must, until it is ready again. */
export async function advanceClock(stripe: Stripe, clockId: string, frozenTime: number): Promise<void> {
  const started = await stripe.testHelpers.testClocks.advance(clockId, { frozen_time: frozenTime });
  expect(started.status).toBe("advancing");
  for (let i = 0; i < 200; i++) {
    const clock = await stripe.testHelpers.testClocks.retrieve(clockId);
    if (clock.status === "ready") return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error("test clock never became ready");
}

export const DAY = 86_400;

/** A webhook receiver on loopback that records what it got. */
export async function startReceiver(): Promise<{
  url: string;
  received: { body: string; signature: string }[];
  answer: { status: number };
  close(): Promise<void>;
}> {
  const received: { body: string; signature: string }[] = [];
  const answer = { status: 200 };
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c));
    req.on("end", () => {
      received.push({ body, signature: String(req.headers["stripe-signature"]) });
      res.writeHead(answer.status).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    answer,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
