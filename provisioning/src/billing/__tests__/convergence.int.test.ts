import { pickCurrentSubscription, subscriptionState } from "@mw/core/billing";
import { ADDON_IDS, type AddonId, computeEntitlements, lookupKeyFor } from "@mw/core/plans";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BillingHarness, createBillingHarness, eventsOfCustomer } from "./billing-harness";

/**
 * The property the webhook design rests on: whatever order Stripe's events arrive in, and however
 * often each arrives (1–5 times), the tenant ends up exactly where Stripe's final state says —
 * because processing treats an event as a trigger and re-fetches. No endpoint is registered here:
 * the test plays Stripe's delivery itself, signed, through the intake.
 */

let h: BillingHarness;

beforeAll(async () => {
  h = await createBillingHarness();
});

afterAll(async () => {
  await h?.closeAll();
});

const PAID = ["pro", "business"] as const;
const priceIds = new Map<string, string>();
async function priceOf(key: string): Promise<string> {
  if (!priceIds.has(key)) {
    const price = (await h.stripe.prices.list({ lookup_keys: [key], limit: 1 })).data[0];
    priceIds.set(key, price?.id as string);
  }
  return priceIds.get(key) as string;
}

const scenario = fc.record({
  first: fc.constantFrom(...PAID),
  firstAddons: fc.subarray([...ADDON_IDS]),
  interval: fc.constantFrom("month" as const, "year" as const),
  next: fc.constantFrom(...PAID),
  nextAddons: fc.subarray([...ADDON_IDS]),
  trial: fc.boolean(),
  ending: fc.constantFrom("keep", "cancel_at_period_end", "cancel_now"),
});

const delivery = fc.record({
  copies: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 24, maxLength: 24 }),
  order: fc.array(fc.nat(), { minLength: 120, maxLength: 120 }),
});

describe("webhook convergence", () => {
  it("ends in Stripe's final state for any delivery order, each event delivered 1–5 times", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, delivery, async (s, d) => {
        const { tenant, customerId } = await h.customerTenant();
        const items = async (plan: (typeof PAID)[number], addons: AddonId[]) => [
          { price: await priceOf(lookupKeyFor({ plan }, s.interval) as string), quantity: 2 },
          ...(await Promise.all(
            addons.map(async (addon) => ({ price: await priceOf(lookupKeyFor({ addon }, s.interval) as string) })),
          )),
        ];
        const sub = await h.stripe.subscriptions.create({
          customer: customerId,
          items: await items(s.first, s.firstAddons),
          ...(s.trial ? { trial_period_days: 14 } : {}),
        });
        // Change plan and add-ons: old items deleted, the new set added.
        await h.stripe.subscriptions.update(sub.id, {
          items: [...sub.items.data.map((i) => ({ id: i.id, deleted: true })), ...(await items(s.next, s.nextAddons))],
          proration_behavior: "none",
        });
        if (s.ending === "cancel_at_period_end")
          await h.stripe.subscriptions.update(sub.id, { cancel_at_period_end: true });
        if (s.ending === "cancel_now") await h.stripe.subscriptions.cancel(sub.id);

        const events = await eventsOfCustomer(h.stripe, customerId);
        expect(events.length).toBeGreaterThan(1);
        // Stripe's delivery, as adversarial as the property wants it.
        const copies = events.flatMap((e, i) =>
          Array.from({ length: d.copies[i % d.copies.length] as number }, () => e),
        );
        const keyed = copies.map((e, i) => ({ e, key: (d.order[i % d.order.length] as number) * 1000 + i }));
        keyed.sort((a, b) => a.key - b.key);
        for (const { e } of keyed) expect(await h.deliver(e)).toBe(200);
        await h.settled({ eventIds: events.map((e) => e.id), timeoutMs: 30_000 });

        const all = await h.stripe.subscriptions.list({ customer: customerId, status: "all" });
        const current = pickCurrentSubscription(all.data);
        const truth = subscriptionState(current as NonNullable<typeof current>);
        const [row] = await h.db.owner.sql<
          { plan: string; addons: string[]; entitlements: unknown; status: string; cancel: boolean; seats: number }[]
        >`
          select t.plan, t.addons, t.entitlements, b.subscription_status as status,
                 b.cancel_at_period_end as cancel, b.seats
            from tenants t join billing_accounts b on b.tenant_id = t.id where t.id = ${tenant.id}`;
        expect(row).toEqual({
          plan: truth.plan,
          addons: truth.addons,
          entitlements: computeEntitlements(truth.plan, truth.addons),
          status: truth.status,
          cancel: truth.cancelAtPeriodEnd,
          seats: truth.seats,
        });
        // Each event once in the inbox, processed (or ignored), never failed.
        const inbox = await h.db.owner.sql<{ id: string; status: string }[]>`
          select id, status from stripe_events where id = any(${events.map((e) => e.id)})`;
        expect(inbox).toHaveLength(events.length);
        expect(inbox.filter((r) => r.status === "failed")).toEqual([]);
      }),
      { numRuns: 8, endOnFailure: true },
    );
  }, 240_000);
});
