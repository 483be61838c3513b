import type { Stripe } from "../../adapters/stripe";
import { PreconditionFailedError } from "../../errors";
import { atStripe } from "./stripe-errors";

/**
 * Stripe price ids for catalog lookup keys (the catalog sync keeps one active price per key). A key
 * Stripe does not know means the catalog was never synced: said plainly, since no retry helps.
 */
export async function priceIdsFor(stripe: Stripe, lookupKeys: readonly string[]): Promise<Map<string, string>> {
  const keys = [...new Set(lookupKeys)];
  if (keys.length === 0) return new Map();
  const list = await atStripe(() => stripe.prices.list({ lookup_keys: keys, active: true, limit: 100 }));
  const found = new Map<string, string>();
  for (const price of list.data) if (price.lookup_key) found.set(price.lookup_key, price.id);
  const missing = keys.filter((k) => !found.has(k));
  if (missing.length > 0) {
    throw new PreconditionFailedError(
      `These prices are not set up at Stripe yet: ${missing.join(", ")}. Ask MusicalWheel support (the catalog sync has not run).`,
    );
  }
  return found;
}
