import "server-only";
import { createStripeClient, STRIPE_EMULATOR_SECRET_KEY, type Stripe } from "@mw/core/adapters/stripe";
import { env } from "@mw/core/env";

let client: Stripe | null | undefined;

/**
 * The Stripe client of the billing console: Stripe itself with a secret key, the local emulator when
 * only its URL is set (`npm start`, the e2e platform), or null when this deployment has no billing
 * configured (the page then shows the ledger and says that changes are unavailable).
 */
export function billingStripe(): Stripe | null {
  if (client !== undefined) return client;
  const secretKey = env.STRIPE_SECRET_KEY ?? (env.STRIPE_API_URL ? STRIPE_EMULATOR_SECRET_KEY : undefined);
  client = secretKey
    ? createStripeClient({ secretKey, ...(env.STRIPE_API_URL ? { apiUrl: env.STRIPE_API_URL } : {}) })
    : null;
  return client;
}

/** Where Stripe's hosted pages (checkout, billing portal) send people back to. */
export function billingReturnUrl(): string {
  return new URL("/console/billing", env.CONTROL_PLANE_URL).toString();
}
