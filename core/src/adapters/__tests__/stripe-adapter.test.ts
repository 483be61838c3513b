import { startStripeEmulator } from "@mw/emulators/stripe";
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import {
  createStripeClient,
  isRetryableStripeError,
  STRIPE_API_VERSION,
  STRIPE_EMULATOR_SECRET_KEY,
  stripeOptionsFromEnv,
} from "../stripe";

describe("the Stripe adapter", () => {
  it("pins the SDK's own API version", () => {
    expect(STRIPE_API_VERSION).toBe(Stripe.API_VERSION);
  });

  it("points the SDK at the emulator's host, port and protocol, with our version and a User-Agent naming us", async () => {
    const emulator = await startStripeEmulator();
    try {
      const stripe = createStripeClient({ secretKey: "sk_test_adapter", apiUrl: `${emulator.url}/` });
      await stripe.customers.create({ email: "a@b.test" }, { idempotencyKey: "adapter/1" });
      expect(emulator.requests[0]).toMatchObject({
        path: "/v1/customers",
        stripeVersion: STRIPE_API_VERSION,
        idempotencyKey: "adapter/1",
      });
      expect(emulator.requests[0]?.userAgent).toContain("MusicalWheel");
    } finally {
      await emulator.stop();
    }
  });

  it("retries a 500 twice with the same key, and gives up on a closed port as a connection error", async () => {
    const emulator = await startStripeEmulator();
    try {
      emulator.failNext({ path: "/v1/customers", status: 500, times: 2 });
      const stripe = createStripeClient({ secretKey: "sk_test_adapter", apiUrl: emulator.url });
      await stripe.customers.create({ email: "r@b.test" }, { idempotencyKey: "adapter/retry" });
      expect(emulator.requests.map((r) => r.status)).toEqual([500, 500, 200]);
    } finally {
      await emulator.stop();
    }
    const closed = createStripeClient({
      secretKey: "sk_test_adapter",
      apiUrl: "http://127.0.0.1:1",
      maxNetworkRetries: 0,
    });
    const err = await closed.customers.list().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Stripe.errors.StripeConnectionError);
    expect(isRetryableStripeError(err)).toBe(true);
    expect(isRetryableStripeError(new Stripe.errors.StripeCardError({ message: "declined" }))).toBe(false);
    expect(isRetryableStripeError(new Error("bug"))).toBe(false);
  });

  it("refuses bad options without echoing the key", () => {
    expect(() => createStripeClient({ secretKey: "pk_live_notasecret" })).toThrow(/secretKey: must be a Stripe secret/);
    expect(() => createStripeClient({ secretKey: "pk_live_notasecret" })).not.toThrow(/notasecret/);
    expect(() => createStripeClient({ secretKey: "sk_test_x", apiUrl: "ftp://x" })).toThrow(/apiUrl/);
  });

  it("reads the environment: a real key, the emulator, or nothing", () => {
    expect(stripeOptionsFromEnv({ STRIPE_SECRET_KEY: "sk_live_abc" })).toEqual({ secretKey: "sk_live_abc" });
    expect(stripeOptionsFromEnv({ STRIPE_API_URL: "http://127.0.0.1:4030" })).toEqual({
      secretKey: STRIPE_EMULATOR_SECRET_KEY,
      apiUrl: "http://127.0.0.1:4030",
    });
    expect(stripeOptionsFromEnv({})).toBeNull();
  });
});
