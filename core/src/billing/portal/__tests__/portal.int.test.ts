import type { StripeEmulator } from "@mw/emulators/stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Stripe } from "../../../adapters/stripe";
import type { TenantCtx } from "../../../context";
import { PreconditionFailedError } from "../../../errors";
import { createTestDatabase, type TestDatabase } from "../../../testing/db";
import {
  addMember,
  asUser,
  auditEvents,
  createTenantFixture,
  expectAuditEvent,
  type TenantFixture,
} from "../../../testing/fixtures";
import { cancelSubscription, resumeSubscription } from "../cancel";
import { changeSubscription, previewSubscriptionChange } from "../change";
import { startCheckout } from "../checkout";
import { getBillingOverview } from "../overview";
import { adoptSubscription, expectKey, itemsOf, payCheckout, posts, priceId, RETURN_URL, startStripe } from "./harness";

/**
 * The portal's verbs against real Postgres and the real `stripe` SDK talking to the Stripe
 * emulator: what Stripe received (prices by lookup key, quantities, trials, idempotency keys), what
 * the ledger and the audit log hold afterwards.
 */

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

/** A Free tenant with a billing manager, upgraded to `plan` through Checkout paid with a test card. */
async function subscribed(plan: "pro" | "business", members = 0) {
  const f = await createTenantFixture(db, { plan: "free" });
  const bm = await addMember(db, f.tenant, ["billing_manager"]);
  for (let i = 0; i < members; i++) await addMember(db, f.tenant, ["member"]);
  const ctx = await asUser(db, f.tenant, bm.userId);
  const { sessionId } = await startCheckout({ ctx, input: { plan }, stripe, returnUrl: RETURN_URL });
  const paid = await payCheckout(emulator, sessionId);
  expect(paid.status).toBe(303);
  const session = await stripe.checkout.sessions.retrieve(sessionId);
  const sub = await stripe.subscriptions.retrieve(session.subscription as string);
  await adoptSubscription(db, f.tenant.id, sub);
  return { f, ctx, sub, bm };
}

describe("checkout from Free", () => {
  it("creates the customer once, then a subscription Checkout Session for the plan's price with its trial", async () => {
    const f: TenantFixture = await createTenantFixture(db, { plan: "free" });
    const bm = await addMember(db, f.tenant, ["billing_manager"]);
    const ctx = await asUser(db, f.tenant, bm.userId);
    const since = emulator.requests.length;

    const first = await startCheckout({ ctx, input: { plan: "pro", interval: "year" }, stripe, returnUrl: RETURN_URL });
    expect(first.url).toContain(`${emulator.url}/c/pay/${first.sessionId}`);
    const customers = posts(emulator, /^\/v1\/customers$/, since);
    expect(customers).toHaveLength(1);
    expect(customers[0]?.idempotencyKey).toBe(`tenant:${f.tenant.id}:customer`);
    expect(customers[0]?.params).toMatchObject({ metadata: { tenantId: f.tenant.id } });

    const [session] = posts(emulator, /^\/v1\/checkout\/sessions$/, since);
    expect(session?.params).toMatchObject({
      mode: "subscription",
      client_reference_id: f.tenant.id,
      metadata: { tenantId: f.tenant.id, plan: "pro", interval: "year" },
      line_items: [{ price: await priceId(stripe, "mw_pro_yearly"), quantity: "1" }],
      subscription_data: { trial_period_days: "14", metadata: { tenantId: f.tenant.id } },
      success_url: `${RETURN_URL}?checkout=success&session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${RETURN_URL}?checkout=canceled`,
    });
    expectKey(session?.idempotencyKey ?? null, `portal:${f.tenant.id}:checkout:pro:year:`);

    // A second try (the first tab abandoned) reuses the customer and opens a new session.
    const mark = emulator.requests.length;
    const again = await startCheckout({
      ctx: { ...ctx, requestId: "req_second" },
      input: { plan: "pro" },
      stripe,
      returnUrl: RETURN_URL,
    });
    expect(again.sessionId).not.toBe(first.sessionId);
    expect(posts(emulator, /^\/v1\/customers$/, mark)).toHaveLength(0);
    const [row] = await db.owner.sql`select stripe_customer_id from billing_accounts where tenant_id = ${f.tenant.id}`;
    expect(row?.stripe_customer_id).toBe(
      customers[0] && (await stripe.customers.list()).data.find((c) => c.metadata.tenantId === f.tenant.id)?.id,
    );
    const actions = (await auditEvents(db, f.tenant.id)).map((e) => e.action);
    expect(actions.filter((a) => a.startsWith("billing."))).toEqual([
      "billing.customer_create",
      "billing.checkout_start",
      "billing.checkout_start",
    ]);
  });

  it("bills Business per member, and refuses a tenant that already has a plan", async () => {
    const { f, ctx, sub } = await subscribed("business", 2);
    expect(itemsOf(sub)).toEqual([{ lookupKey: "mw_business_monthly", quantity: 3 + 1 }]);
    expect(sub.status).toBe("trialing");
    await expect(startCheckout({ ctx, input: { plan: "pro" }, stripe, returnUrl: RETURN_URL })).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
    expect(f.tenant.id).toMatch(/^ten_/);
  });
});

describe("changing a subscription", () => {
  it("previews the change first, then makes exactly that change with prorations", async () => {
    const { f, ctx, sub } = await subscribed("pro", 1);
    const since = emulator.requests.length;
    const preview = await previewSubscriptionChange({
      ctx,
      input: { plan: "business", interval: "month", addons: [] },
      stripe,
    });
    expect(preview.from).toEqual({ plan: "pro", interval: "month", addons: [] });
    expect(preview.lines.length).toBeGreaterThan(0);
    expect(preview.currency).toBe("usd");
    const planItem = sub.items.data[0]?.id;
    const business = await priceId(stripe, "mw_business_monthly");
    const [asked] = posts(emulator, /^\/v1\/invoices\/create_preview$/, since);
    expect(asked?.params).toMatchObject({
      subscription: sub.id,
      subscription_details: {
        items: [{ id: planItem, price: business, quantity: "3" }],
        proration_behavior: "create_prorations",
        proration_date: String(preview.prorationDate),
      },
    });
    // Nothing changed at Stripe by previewing.
    expect(itemsOf(await stripe.subscriptions.retrieve(sub.id))).toEqual([
      { lookupKey: "mw_pro_monthly", quantity: 1 },
    ]);

    const mark = emulator.requests.length;
    const done = await changeSubscription({
      ctx,
      input: { plan: "business", interval: "month", addons: [], prorationDate: preview.prorationDate },
      stripe,
    });
    expect(itemsOf(done.subscription)).toEqual([{ lookupKey: "mw_business_monthly", quantity: 3 }]);
    // Applied at once (the webhook would only confirm it): the tenant is on Business with its features.
    const [tenant] = await db.owner.sql`select plan, entitlements from tenants where id = ${f.tenant.id}`;
    expect(tenant?.plan).toBe("business");
    expect(tenant?.entitlements.features).toContain("analytics");
    expect(await getBillingOverview({ ctx, stripe })).toMatchObject({ plan: "business", seats: 3 });
    const [update] = posts(emulator, new RegExp(`^/v1/subscriptions/${sub.id}$`), mark);
    expect(update?.params).toMatchObject({
      items: [{ id: planItem, price: business, quantity: "3" }],
      proration_behavior: "create_prorations",
      proration_date: String(preview.prorationDate),
    });
    expectKey(update?.idempotencyKey ?? null, `portal:${f.tenant.id}:change:business:month:no-addons:${ctx.requestId}`);
    await expectAuditEvent(db, f.tenant.id, {
      action: "billing.plan_change",
      targetId: sub.id,
      actorId: ctx.actor.type === "user" ? ctx.actor.userId : "",
    });
  });

  it("adds and removes add-ons as items, and moves every item to yearly", async () => {
    const { f, ctx, sub } = await subscribed("pro");
    await changeSubscription({
      ctx,
      input: { plan: "pro", interval: "month", addons: ["analytics", "white_label"] },
      stripe,
    });
    expect(itemsOf(await stripe.subscriptions.retrieve(sub.id))).toEqual([
      { lookupKey: "mw_addon_analytics_monthly", quantity: 1 },
      { lookupKey: "mw_addon_white_label_monthly", quantity: 1 },
      { lookupKey: "mw_pro_monthly", quantity: 1 },
    ]);
    await expectAuditEvent(db, f.tenant.id, { action: "billing.addon_add" });

    const mark = emulator.requests.length;
    const fresh = await stripe.subscriptions.retrieve(sub.id);
    const whiteLabel = fresh.items.data.find((i) => i.price.lookup_key === "mw_addon_white_label_monthly")?.id;
    await changeSubscription({
      ctx: { ...ctx, requestId: "req_remove" },
      input: { plan: "pro", interval: "month", addons: ["analytics"] },
      stripe,
    });
    const [removal] = posts(emulator, new RegExp(`^/v1/subscriptions/${sub.id}$`), mark);
    expect(removal?.params).toMatchObject({ items: [{ id: whiteLabel, deleted: "true" }] });
    await expectAuditEvent(db, f.tenant.id, { action: "billing.addon_remove" });

    await changeSubscription({
      ctx: { ...ctx, requestId: "req_yearly" },
      input: { plan: "pro", interval: "year", addons: ["analytics"] },
      stripe,
    });
    expect(itemsOf(await stripe.subscriptions.retrieve(sub.id))).toEqual([
      { lookupKey: "mw_addon_analytics_yearly", quantity: 1 },
      { lookupKey: "mw_pro_yearly", quantity: 1 },
    ]);
    await expectAuditEvent(db, f.tenant.id, { action: "billing.interval_change" });
  });

  it("refuses a change to what the subscription already is, and a stale preview", async () => {
    const { ctx } = await subscribed("pro");
    await expect(
      changeSubscription({ ctx, input: { plan: "pro", interval: "month", addons: [] }, stripe }),
    ).rejects.toThrow(/nothing to change/);
    await expect(
      changeSubscription({
        ctx,
        input: { plan: "business", interval: "month", addons: [], prorationDate: Math.floor(Date.now() / 1000) - 7200 },
        stripe,
      }),
    ).rejects.toThrow(/preview has expired/);
  });

  it("cancels at the period's end and resumes", async () => {
    const { f, ctx, sub } = await subscribed("pro");
    const mark = emulator.requests.length;
    const { endsAt } = await cancelSubscription({ ctx, stripe });
    expect(endsAt).toBeInstanceOf(Date);
    const [cancel] = posts(emulator, new RegExp(`^/v1/subscriptions/${sub.id}$`), mark);
    expect(cancel?.params).toEqual({ cancel_at_period_end: "true" });
    expectKey(cancel?.idempotencyKey ?? null, `portal:${f.tenant.id}:cancel:`);
    expect((await stripe.subscriptions.retrieve(sub.id)).cancel_at_period_end).toBe(true);
    await expectAuditEvent(db, f.tenant.id, { action: "billing.subscription_cancel", targetId: sub.id });
    await expect(cancelSubscription({ ctx, stripe })).rejects.toThrow(/already set to end/);

    await resumeSubscription({ ctx: { ...ctx, requestId: "req_resume" }, stripe });
    expect((await stripe.subscriptions.retrieve(sub.id)).cancel_at_period_end).toBe(false);
    await expectAuditEvent(db, f.tenant.id, { action: "billing.subscription_resume", targetId: sub.id });
  });

  it("acts only on the session's tenant: another tenant's manager cannot reach this subscription", async () => {
    const { sub } = await subscribed("pro");
    const other = await createTenantFixture(db, { plan: "free" });
    const otherCtx: TenantCtx = await asUser(db, other.tenant, other.owner.userId);
    await expect(cancelSubscription({ ctx: otherCtx, stripe })).rejects.toThrow(/no active subscription/);
    expect((await stripe.subscriptions.retrieve(sub.id)).cancel_at_period_end).toBe(false);
  });
});

describe("the overview", () => {
  it("shows the next invoice from Stripe's preview, and the ledger alone when Stripe is down", async () => {
    const { ctx, sub } = await subscribed("pro");
    const ok = await getBillingOverview({ ctx, stripe });
    expect(ok).toMatchObject({ plan: "pro", status: "trialing", hasSubscription: true, canManage: true });
    expect(ok.upcoming.state).toBe("ok");
    const [asked] = posts(emulator, /^\/v1\/invoices\/create_preview$/).slice(-1);
    expect(asked?.params).toMatchObject({ subscription: sub.id });

    emulator.failNext({ path: "/v1/invoices/create_preview", status: 503, times: 1 });
    const down = await getBillingOverview({ ctx, stripe });
    expect(down).toMatchObject({ plan: "pro", status: "trialing", upcoming: { state: "unavailable" } });
    expect(down.upcoming.state === "unavailable" && down.upcoming.message).toMatch(/not reachable/);
  });

  it("a change while Stripe is down says so, changes nothing and audits nothing", async () => {
    const { f, ctx } = await subscribed("pro");
    const before = (await auditEvents(db, f.tenant.id)).length;
    const sub = (
      await db.owner.sql`select stripe_subscription_id from billing_accounts where tenant_id = ${f.tenant.id}`
    )[0];
    emulator.failNext({ path: `/v1/subscriptions/${sub?.stripe_subscription_id}`, status: 503, times: 1 });
    await expect(cancelSubscription({ ctx, stripe })).rejects.toMatchObject({ code: "unavailable" });
    expect((await auditEvents(db, f.tenant.id)).length).toBe(before);
  });
});
