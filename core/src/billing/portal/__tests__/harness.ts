import { type StripeEmulator, startStripeEmulator } from "@mw/emulators/stripe";
import { expect } from "vitest";
import { createStripeClient, type Stripe } from "../../../adapters/stripe";
import { withTenant } from "../../../db/client";
import type { TestDatabase } from "../../../testing/db";
import { syncCatalog } from "../../catalog-sync";
import { applyStripeSubscription } from "../../subscription-sync";

export const KEY = "sk_test_portal_suite";
export const RETURN_URL = "http://localhost:3000/console/billing";

/** The Stripe emulator with the catalog synced into it, and the real SDK pointed at it. */
export async function startStripe(): Promise<{ emulator: StripeEmulator; stripe: Stripe }> {
  const emulator = await startStripeEmulator({ apiKey: KEY });
  const stripe = createStripeClient({ secretKey: KEY, apiUrl: emulator.url, maxNetworkRetries: 0, timeoutMs: 5000 });
  await syncCatalog(stripe);
  emulator.requests.length = 0;
  return { emulator, stripe };
}

/** The price id the synced catalog gave a lookup key. */
export async function priceId(stripe: Stripe, lookupKey: string): Promise<string> {
  const { data } = await stripe.prices.list({ lookup_keys: [lookupKey] });
  const id = data[0]?.id;
  if (!id) throw new Error(`no price ${lookupKey}`);
  return id;
}

/** What the emulator received on one path since `since`, POSTs only. */
export function posts(emulator: StripeEmulator, path: RegExp, since = 0) {
  return emulator.requests.slice(since).filter((r) => r.method === "POST" && path.test(r.path));
}

/** Pays a checkout session on the emulator's hosted page, as the browser's form post does. */
export async function payCheckout(emulator: StripeEmulator, sessionId: string, card = "4242424242424242") {
  const res = await fetch(`${emulator.url}/c/pay/${sessionId}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      card_number: card,
      expiry: "12 / 34",
      cvc: "123",
      name: "Test",
      email: "pay@portal.test",
    }),
    redirect: "manual",
  });
  return res;
}

/**
 * What the webhook processing does once Stripe reports the subscription ("hooks"' job, not this
 * suite's subject): the subscription Stripe holds, applied to the ledger and the tenant.
 */
export async function adoptSubscription(db: TestDatabase, tenantId: string, sub: Stripe.Subscription) {
  await withTenant(db.control, tenantId, (tx) => applyStripeSubscription(tx, tenantId, sub));
}

export function itemsOf(sub: Stripe.Subscription) {
  return sub.items.data
    .map((i) => ({ lookupKey: i.price.lookup_key, quantity: i.quantity }))
    .sort((a, b) => String(a.lookupKey).localeCompare(String(b.lookupKey)));
}

export function expectKey(key: string | null, prefix: string) {
  expect(key, "Idempotency-Key").toMatch(new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
}
