import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlatformCtx } from "../../../context";
import { withTenant } from "../../../db/client";
import { billingAccounts } from "../../../db/schema/index";
import { ForbiddenError } from "../../../errors";
import { createTestDatabase, type TestDatabase } from "../../../testing/db";
import { addMember, asUser, createTenantFixture, staffCtx } from "../../../testing/fixtures";
import { getRevenueOverview } from "../revenue";
import { DAY, seedAccount, seedHistory, seedInvoices } from "./ledger";

let db: TestDatabase;
/** A moment just after the seed: trigger-written rows (observed at seed time) fall inside the window. */
let now: Date;
const ids: Record<string, string> = {};

beforeAll(async () => {
  db = await createTestDatabase();
  const t0 = Date.now();
  const ago = (days: number) => new Date(t0 - days * DAY);
  const tenant = async (key: string, plan: "free" | "pro" | "business" | "enterprise") => {
    const f = await createTenantFixture(db, { plan, name: `Revenue ${key}` });
    ids[key] = f.tenant.id;
    return f.tenant.id;
  };
  // A: Pro, paying for two months.
  const a = await tenant("a", "pro");
  await seedAccount(db, a, { stripeSubscriptionId: "sub_a", subscriptionStatus: "active", mrrCents: 999 });
  await seedHistory(db, a, "sub_a", [{ status: "active", mrrCents: 999, at: ago(60) }]);
  // B: Business with three seats, trial converted just before the window.
  const b = await tenant("b", "business");
  await seedAccount(db, b, { stripeSubscriptionId: "sub_b", subscriptionStatus: "active", seats: 3, mrrCents: 8997 });
  await seedHistory(db, b, "sub_b", [
    { status: "trialing", mrrCents: 8997, at: ago(45) },
    { status: "active", mrrCents: 8997, at: ago(31) },
  ]);
  // C: Pro, payment failed five days ago: past due, still in MRR, owes one open invoice.
  const c = await tenant("c", "pro");
  await seedAccount(db, c, { stripeSubscriptionId: "sub_c", subscriptionStatus: "past_due", mrrCents: 999 });
  await seedHistory(db, c, "sub_c", [
    { status: "active", mrrCents: 999, at: ago(90) },
    { status: "past_due", mrrCents: 999, at: ago(5) },
  ]);
  await db.owner.sql`update tenants set dunning_state = 'past_due', dunning_since = ${ago(5).toISOString()},
    grace_until = ${new Date(t0 + 2 * DAY).toISOString()} where id = ${c}`;
  await seedInvoices(db, c, [
    {
      id: "in_c_paid",
      status: "paid",
      currency: "usd",
      totalCents: 999,
      amountDueCents: 999,
      amountPaidCents: 999,
      stripeCreatedAt: ago(35),
    },
    {
      id: "in_c_open",
      status: "open",
      currency: "usd",
      totalCents: 999,
      amountDueCents: 999,
      amountPaidCents: 0,
      stripeCreatedAt: ago(5),
    },
  ]);
  // D: Business in its trial: not MRR yet, shown apart.
  const d = await tenant("d", "business");
  await seedAccount(db, d, { stripeSubscriptionId: "sub_d", subscriptionStatus: "trialing", mrrCents: 2999 });
  await seedHistory(db, d, "sub_d", [{ status: "trialing", mrrCents: 2999, at: ago(3) }]);
  // E: Pro, paying at the window's start, canceled ten days ago: the one churned subscription.
  const e = await tenant("e", "pro");
  await seedAccount(db, e, {
    stripeSubscriptionId: "sub_e",
    subscriptionStatus: "canceled",
    mrrCents: 0,
    canceledAt: ago(10),
  });
  await seedHistory(db, e, "sub_e", [
    { status: "active", mrrCents: 999, at: ago(100) },
    { status: "canceled", mrrCents: 0, at: ago(10) },
  ]);
  // F: canceled before the window: neither paying at its start nor churned in it.
  const f = await tenant("f", "pro");
  await seedAccount(db, f, {
    stripeSubscriptionId: "sub_f",
    subscriptionStatus: "canceled",
    mrrCents: 0,
    canceledAt: ago(40),
  });
  await seedHistory(db, f, "sub_f", [
    { status: "active", mrrCents: 999, at: ago(200) },
    { status: "canceled", mrrCents: 0, at: ago(40) },
  ]);
  // G: upgraded from Free twenty days ago: MRR now, but not paying at the window's start.
  const g = await tenant("g", "pro");
  await seedAccount(db, g, { stripeSubscriptionId: "sub_g", subscriptionStatus: "active", mrrCents: 999 });
  await seedHistory(db, g, "sub_g", [{ status: "active", mrrCents: 999, at: ago(20) }]);
  // H: Enterprise comped (100 % coupon): active, but MRR 0 — counted, not paying.
  const h = await tenant("h", "enterprise");
  await seedAccount(db, h, {
    stripeSubscriptionId: "sub_h",
    subscriptionStatus: "active",
    mrrCents: 0,
    couponId: "mw_comp_100",
  });
  await seedHistory(db, h, "sub_h", [{ status: "active", mrrCents: 0, at: ago(60) }]);
  // I: Free: a Stripe customer, no subscription.
  const i = await tenant("i", "free");
  await seedAccount(db, i, {});
  now = new Date(Date.now() + 60_000);
});
afterAll(() => db.drop());

describe("getRevenueOverview", () => {
  it("computes MRR, counts, MRR by plan and 30-day churn exactly from the seeded ledger", async () => {
    const r = await getRevenueOverview({ ctx: staffCtx(db.control, ["billing_ops"]), now });
    expect(r.totals).toEqual([{ currency: "usd", mrrCents: 999 + 8997 + 999 + 999 + 0, trialingMrrCents: 2999 }]);
    expect(r.counts).toEqual({ active: 4, trialing: 1, pastDue: 1, unpaid: 0 });
    expect(r.byPlan).toEqual([
      { plan: "business", currency: "usd", subscriptions: 1, mrrCents: 8997 },
      { plan: "pro", currency: "usd", subscriptions: 3, mrrCents: 2997 },
      { plan: "enterprise", currency: "usd", subscriptions: 1, mrrCents: 0 },
    ]);
    // Paying at the start: A, B, C, E (not D trialing, F already gone, G not yet, H at 0); E canceled.
    expect(r.churn).toMatchObject({ windowDays: 30, payingAtStart: 4, canceled: 1, rate: 0.25 });
    expect(r.churn.to).toEqual(now);
    expect(now.getTime() - r.churn.from.getTime()).toBe(30 * DAY);
    expect(r.pastDue).toHaveLength(1);
    expect(r.pastDue[0]).toMatchObject({
      tenantId: ids.c,
      name: "Revenue c",
      plan: "pro",
      subscriptionStatus: "past_due",
      dunningState: "past_due",
      openInvoices: 1,
      amountDueCents: 999,
      mrrCents: 999,
    });
  });

  it("follows the ledger: a later cancellation and a recovered payment change churn and the past-due list", async () => {
    const c = ids.c as string;
    const a = ids.a as string;
    // A cancels now (the trigger records it); C pays: active again, dunning back to ok.
    await withTenant(db.control, a, (tx) =>
      tx.update(billingAccounts).set({ subscriptionStatus: "canceled", mrrCents: 0 }).where(eqTenant(a)),
    );
    await withTenant(db.control, c, (tx) =>
      tx.update(billingAccounts).set({ subscriptionStatus: "active" }).where(eqTenant(c)),
    );
    await db.owner
      .sql`update tenants set dunning_state = 'ok', dunning_since = null, grace_until = null where id = ${c}`;
    const r = await getRevenueOverview({
      ctx: staffCtx(db.control, ["platform_admin"]),
      now: new Date(Date.now() + 60_000),
    });
    expect(r.churn).toMatchObject({ payingAtStart: 4, canceled: 2, rate: 0.5 });
    expect(r.counts).toEqual({ active: 4, trialing: 1, pastDue: 0, unpaid: 0 });
    expect(r.totals[0]?.mrrCents).toBe(8997 + 999 + 999);
    expect(r.pastDue).toEqual([]);
  });

  it("is refused to staff without revenue read, and to tenant admins and billing managers", async () => {
    for (const roles of [["support"], ["onboarding"], []]) {
      await expect(getRevenueOverview({ ctx: staffCtx(db.control, roles) })).rejects.toBeInstanceOf(ForbiddenError);
    }
    const f = await createTenantFixture(db, { plan: "pro" });
    const manager = await addMember(db, f.tenant, ["billing_manager"]);
    for (const userId of [f.owner.userId, manager.userId]) {
      // A tenant session's context handed to a staff verb: its ability holds no platform subject.
      const ctx = (await asUser(db, f.tenant, userId)) as unknown as PlatformCtx;
      await expect(getRevenueOverview({ ctx })).rejects.toBeInstanceOf(ForbiddenError);
    }
  });
});

function eqTenant(tenantId: string) {
  return eq(billingAccounts.tenantId, tenantId);
}
