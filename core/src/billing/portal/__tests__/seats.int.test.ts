import type { StripeEmulator } from "@mw/emulators/stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Stripe } from "../../../adapters/stripe";
import { removeMember } from "../../../members/remove";
import { createTestDatabase, type TestDatabase } from "../../../testing/db";
import { addMember, asUser, createTenantFixture, expectAuditEvent } from "../../../testing/fixtures";
import { startCheckout } from "../checkout";
import { syncSubscriptionSeats } from "../seats";
import { adoptSubscription, itemsOf, payCheckout, posts, RETURN_URL, startStripe } from "./harness";

/** Business is billed per member: the plan item's quantity follows the active memberships. */

let db: TestDatabase;
let emulator: StripeEmulator;
let stripe: Stripe;

beforeAll(async () => {
  db = await createTestDatabase();
  ({ emulator, stripe } = await startStripe());
});
afterAll(async () => {
  await emulator?.stop();
  await db?.drop();
});

async function subscribed(plan: "pro" | "business") {
  const f = await createTenantFixture(db, { plan: "free" });
  const ctx = await asUser(db, f.tenant, f.owner.userId);
  const { sessionId } = await startCheckout({ ctx, input: { plan }, stripe, returnUrl: RETURN_URL });
  expect((await payCheckout(emulator, sessionId)).status).toBe(303);
  const session = await stripe.checkout.sessions.retrieve(sessionId);
  const sub = await stripe.subscriptions.retrieve(session.subscription as string);
  await adoptSubscription(db, f.tenant.id, sub);
  return { f, ctx, sub };
}

describe("seat sync", () => {
  it("sets the Business item's quantity to the active members, once per change, audited as the system", async () => {
    const { f, ctx, sub } = await subscribed("business");
    expect(itemsOf(sub)).toEqual([{ lookupKey: "mw_business_monthly", quantity: 1 }]);
    const joined = [await addMember(db, f.tenant, ["member"]), await addMember(db, f.tenant, ["viewer"])];

    const mark = emulator.requests.length;
    const first = await syncSubscriptionSeats({ database: db.control, stripe, tenantId: f.tenant.id, runId: "job:1" });
    expect(first).toMatchObject({ changed: true, from: 1, to: 3 });
    expect(itemsOf(await stripe.subscriptions.retrieve(sub.id))).toEqual([
      { lookupKey: "mw_business_monthly", quantity: 3 },
    ]);
    const [update] = posts(emulator, new RegExp(`^/v1/subscriptions/${sub.id}$`), mark);
    expect(update?.params).toMatchObject({
      items: [{ id: sub.items.data[0]?.id, quantity: "3" }],
      proration_behavior: "create_prorations",
    });
    expect(update?.idempotencyKey).toBe(`seats:${f.tenant.id}:job:1:1-3`);
    await expectAuditEvent(db, f.tenant.id, { action: "billing.seats_sync", actorType: "system", targetId: sub.id });

    // Nothing changed since: no Stripe write.
    const again = emulator.requests.length;
    expect(
      await syncSubscriptionSeats({ database: db.control, stripe, tenantId: f.tenant.id, runId: "job:2" }),
    ).toMatchObject({
      changed: false,
      reason: "in_sync",
    });
    expect(posts(emulator, /^\/v1\/subscriptions\//, again)).toEqual([]);

    // A member leaves: the next run brings the quantity down.
    await removeMember({ ctx, input: { membershipId: joined[0]?.membershipId ?? "" } });
    expect(
      await syncSubscriptionSeats({ database: db.control, stripe, tenantId: f.tenant.id, runId: "job:3" }),
    ).toMatchObject({
      changed: true,
      from: 3,
      to: 2,
    });
    expect(itemsOf(await stripe.subscriptions.retrieve(sub.id))).toEqual([
      { lookupKey: "mw_business_monthly", quantity: 2 },
    ]);
  });

  it("leaves plans that are not per seat, and tenants without a subscription, alone", async () => {
    const { f } = await subscribed("pro");
    await addMember(db, f.tenant, ["member"]);
    const mark = emulator.requests.length;
    expect(
      await syncSubscriptionSeats({ database: db.control, stripe, tenantId: f.tenant.id, runId: "job:4" }),
    ).toMatchObject({
      changed: false,
      reason: "not_per_seat",
    });
    const free = await createTenantFixture(db, { plan: "free" });
    expect(
      await syncSubscriptionSeats({ database: db.control, stripe, tenantId: free.tenant.id, runId: "job:5" }),
    ).toMatchObject({
      changed: false,
      reason: "no_subscription",
    });
    expect(posts(emulator, /^\/v1\/subscriptions\//, mark)).toEqual([]);
  });
});
