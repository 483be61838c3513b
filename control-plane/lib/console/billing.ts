import "server-only";
import { createStripeClient, type Stripe, stripeOptionsFromEnv } from "@mw/core/adapters/stripe";
import { env } from "@mw/core/env";

let client: Stripe | null | undefined;

/**
 * The Stripe client of the billing console: Stripe itself with a secret key, the local emulator when
 * only its URL is set (`npm start`, the e2e platform), or null when this deployment has no billing
 * configured (the page then shows the ledger and says that changes are unavailable).
 */
export function billingStripe(): Stripe | null {
  if (client !== undefined) return client;
  const options = stripeOptionsFromEnv(env);
  client = options ? createStripeClient(options) : null;
  return client;
}

/**
 * Where Stripe's hosted pages (checkout, billing portal) send people back to: the landing that
 * forwards to the billing page from our own site, so the SameSite=Strict session cookie is sent
 * (see app/console/billing/return/route.ts).
 */
export function billingReturnUrl(): string {
  return new URL("/console/billing/return", env.CONTROL_PLANE_URL).toString();
}
