import "server-only";
import { createStripeClient, type Stripe, stripeOptionsFromEnv } from "@mw/core/adapters/stripe";
import { env } from "@mw/core/env";
import { ServiceUnavailableError } from "@mw/core/errors";

let client: Stripe | null | undefined;

/**
 * The Stripe client of the staff billing actions: Stripe with a secret key, the local emulator when
 * only its URL is set (`npm start`, the e2e platform). Without either, billing is not configured
 * here and the actions say so instead of failing obscurely.
 */
export function staffStripe(): Stripe {
  if (client === undefined) {
    const options = stripeOptionsFromEnv(env);
    client = options ? createStripeClient(options) : null;
  }
  if (!client) throw new ServiceUnavailableError("Stripe is not configured on this control plane.", 3600);
  return client;
}

/** Whether the panel should offer actions that need Stripe. */
export const stripeConfigured = (): boolean => stripeOptionsFromEnv(env) !== null;
