import { Stripe } from "../../adapters/stripe";
import { ConflictError, PreconditionFailedError, ServiceUnavailableError } from "../../errors";

/** What a billing manager is told when a change cannot reach Stripe. */
export const STRIPE_UNAVAILABLE =
  "Stripe, our payment provider, is not reachable right now. Nothing was changed; please try again in a minute.";

/** …and when the page cannot ask it for the next invoice (the rest of the page is the ledger's). */
export const PREVIEW_UNAVAILABLE =
  "Stripe, our payment provider, is not reachable right now, so the next invoice cannot be previewed. Everything else on this page is as last recorded.";

/**
 * A failed Stripe call as a domain error the console can show: card problems in Stripe's own words
 * (they are written for the card holder), Stripe being down as "try again", a conflicting request
 * as a conflict. Anything else (a bug of ours) stays an internal error and is not shown.
 */
export function stripeFailure(err: unknown): unknown {
  if (!(err instanceof Stripe.errors.StripeError)) return err;
  if (err instanceof Stripe.errors.StripeCardError) {
    return new PreconditionFailedError(
      `${err.message || "The card was declined."} Update the payment method and try again.`,
    );
  }
  if (
    err instanceof Stripe.errors.StripeConnectionError ||
    err instanceof Stripe.errors.StripeAPIError ||
    err instanceof Stripe.errors.StripeRateLimitError ||
    (err.statusCode ?? 0) >= 500
  ) {
    return new ServiceUnavailableError(STRIPE_UNAVAILABLE, 60);
  }
  if (err instanceof Stripe.errors.StripeIdempotencyError) {
    return new ConflictError("This change is already being made; reload the page to see it.");
  }
  return err;
}

/** Runs one Stripe call, translating its failure (see `stripeFailure`). */
export async function atStripe<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw stripeFailure(err);
  }
}
