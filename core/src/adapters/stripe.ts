import Stripe from "stripe";
import { z } from "zod";

/**
 * The one Stripe API version the platform speaks, everywhere (apps, worker, catalog sync, the
 * emulator's default). The SDK's types describe exactly this version; bump both together.
 */
export const STRIPE_API_VERSION = "2026-11-18.endive" as const satisfies Stripe.LatestApiVersion;

/** The key `npm start` and the tests give the SDK when it talks to the local emulator. */
export const STRIPE_EMULATOR_SECRET_KEY = "sk_test_mw_local_emulator";

/**
 * The events the control plane's webhook endpoint (`/api/webhooks/stripe`) subscribes to: what
 * billing acts on. `npm start` registers the endpoint at the emulator with exactly these; a real
 * account's endpoint should name the same.
 */
export const STRIPE_WEBHOOK_EVENTS = [
  "checkout.session.completed",
  "customer.subscription.created",
  "customer.subscription.updated",
  "customer.subscription.deleted",
  "customer.subscription.trial_will_end",
  "customer.subscription.paused",
  "customer.subscription.resumed",
  "invoice.created",
  "invoice.finalized",
  "invoice.paid",
  "invoice.payment_failed",
  "invoice.payment_action_required",
  "invoice.upcoming",
  "invoice.voided",
  "invoice.marked_uncollectible",
  "credit_note.created",
  "customer.updated",
  "customer.deleted",
] as const;

/** The control plane's route Stripe delivers webhook events to. */
export const STRIPE_WEBHOOK_PATH = "/api/webhooks/stripe";

const StripeClientOptions = z.strictObject({
  secretKey: z
    .string()
    .regex(/^(sk|rk)_(test|live)_[A-Za-z0-9_]+$/, { error: "must be a Stripe secret or restricted key (sk_…/rk_…)" }),
  /**
   * The local Stripe emulator (`startStripeEmulator().url`, http://127.0.0.1:4030). Unset: Stripe's
   * own API. The SDK has no base-URL option, so it is split into host, port and protocol.
   */
  apiUrl: z.url({ protocol: /^https?$/, error: "apiUrl must be an http(s) URL" }).optional(),
  /** Per-request timeout: a hanging Stripe must not hold a request or a job slot for 80 s (the SDK default). */
  timeoutMs: z.number().int().positive().default(20_000),
  /** The SDK retries connection errors, 409 and 5xx with the same Idempotency-Key. */
  maxNetworkRetries: z.number().int().min(0).max(10).default(2),
});

export type StripeClientOptions = z.input<typeof StripeClientOptions>;

/**
 * A configured `stripe` SDK client: our pinned API version, retries and timeout; pointed at the
 * emulator when `apiUrl` is given. The same client type serves both, so every caller runs one code
 * path (DESIGN "One code path per vendor"). Callers pass their own `idempotencyKey` per call,
 * derived from what they do (run + step), so a retried job does not create a second object.
 */
export function createStripeClient(options: StripeClientOptions): Stripe {
  const parsed = StripeClientOptions.safeParse(options);
  if (!parsed.success) {
    // Name the bad option, never its value (one of them is the key).
    const fields = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join(", ");
    throw new TypeError(`Invalid Stripe client options — ${fields}`);
  }
  const { secretKey, apiUrl, timeoutMs, maxNetworkRetries } = parsed.data;
  const target = apiUrl ? new URL(apiUrl) : null;
  return new Stripe(secretKey, {
    apiVersion: STRIPE_API_VERSION,
    maxNetworkRetries,
    timeout: timeoutMs,
    appInfo: { name: "MusicalWheel" },
    ...(target
      ? {
          host: target.hostname,
          port: target.port || (target.protocol === "https:" ? 443 : 80),
          protocol: target.protocol === "https:" ? "https" : "http",
        }
      : {}),
  });
}

/**
 * The platform's Stripe client settings from its environment: the real key when set, else the
 * emulator at STRIPE_API_URL with the emulator key; null when neither is configured.
 */
export function stripeOptionsFromEnv(e: {
  STRIPE_SECRET_KEY?: string | undefined;
  STRIPE_API_URL?: string | undefined;
}): StripeClientOptions | null {
  if (e.STRIPE_SECRET_KEY) {
    return { secretKey: e.STRIPE_SECRET_KEY, ...(e.STRIPE_API_URL ? { apiUrl: e.STRIPE_API_URL } : {}) };
  }
  if (e.STRIPE_API_URL) return { secretKey: STRIPE_EMULATOR_SECRET_KEY, apiUrl: e.STRIPE_API_URL };
  return null;
}

/** Whether a job should try a failed Stripe call again (the SDK already retried what it could). */
export function isRetryableStripeError(err: unknown): boolean {
  if (!(err instanceof Stripe.errors.StripeError)) return false;
  if (err instanceof Stripe.errors.StripeConnectionError) return true;
  if (err instanceof Stripe.errors.StripeRateLimitError) return true;
  if (err instanceof Stripe.errors.StripeAPIError) return true;
  return (err.statusCode ?? 0) >= 500 || err.statusCode === 409;
}

export { Stripe };
