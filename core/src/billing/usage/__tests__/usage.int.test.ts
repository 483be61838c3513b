import { type StripeEmulator, startStripeEmulator } from "@mw/emulators/stripe";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStripeClient, type Stripe } from "../../../adapters/stripe";
import { withTenant } from "../../../db/client";
import { billingAccounts } from "../../../db/schema/index";
import { ForbiddenError, ValidationError } from "../../../errors";
import { createEvent } from "../../../events/create";
import { rsvpEvent } from "../../../events/rsvp";
import { asProductUser } from "../../../plans/__tests__/product-ctx";
import { METERS } from "../../../plans/catalog";
import { createTestDatabase, type TestDatabase } from "../../../testing/db";
import { addMember, asUser, createTenantFixture, type TenantFixture } from "../../../testing/fixtures";
import { syncCatalog } from "../../catalog-sync";
import { getUsageOverview } from "../overview";
import { recordUsage } from "../record";
import { reportTenantUsage, reportUsage } from "../report";

let db: TestDatabase;
let emulator: StripeEmulator;
let stripe: Stripe;
beforeAll(async () => {
  [db, emulator] = await Promise.all([createTestDatabase(), startStripeEmulator()]);
  stripe = createStripeClient({ secretKey: "sk_test_usage_reporter", apiUrl: emulator.url, maxNetworkRetries: 0 });
  await syncCatalog(stripe); // creates the meters (event names mw_events_published, mw_rsvps)
});
afterAll(async () => {
  await Promise.all([db.drop(), emulator.stop()]);
});

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

async function records(tenantId: string) {
  return db.owner.sql<{ meter: string; quantity: number; idempotency_key: string; report_id: string | null }[]>`
    select meter, quantity, idempotency_key, report_id from usage_records where tenant_id = ${tenantId} order by created_at`;
}

async function reports(tenantId: string) {
  return db.owner.sql<{ id: string; meter: string; quantity: number; status: string; attempts: number }[]>`
    select id, meter, quantity, status, attempts from usage_reports where tenant_id = ${tenantId} order by created_at`;
}

/** A Pro tenant with a Stripe customer at the emulator. */
async function payingTenant(): Promise<TenantFixture & { customer: string }> {
  const f = await createTenantFixture(db, { plan: "pro" });
  const customer = await stripe.customers.create({ email: `owner@${f.tenant.slug}.test` });
  await attachCustomer(f.tenant.id, customer.id);
  return { ...f, customer: customer.id };
}

async function attachCustomer(tenantId: string, customer: string) {
  await withTenant(db.control, tenantId, (tx) =>
    tx.insert(billingAccounts).values({ tenantId, stripeCustomerId: customer }),
  );
}

/** What Stripe counted for the customer on a meter (the emulator's event summaries). */
async function countedAtStripe(customer: string, eventName: string): Promise<number> {
  const meter = (await stripe.billing.meters.list()).data.find((m) => m.event_name === eventName);
  if (!meter) throw new Error(`no meter ${eventName}`);
  const now = Math.floor(Date.now() / 1000);
  const summaries = await stripe.billing.meters.listEventSummaries(meter.id, {
    customer,
    start_time: now - 86_400,
    end_time: now + 600,
  });
  return summaries.data.reduce((n, s) => n + s.aggregated_value, 0);
}

describe("recordUsage: product actions meter themselves, in their own transaction", () => {
  it("counts a published event once and an RSVP once per person and event, as the runtime role", async () => {
    const f = await createTenantFixture(db, { plan: "pro" });
    const fan = await addMember(db, f.tenant, ["member"]);
    const owner = await asProductUser(db, f.tenant, f.owner.userId);
    const event = await createEvent({ ctx: owner, input: { title: "Gig", startsAt: inDays(3), capacity: 1 } });
    const member = await asProductUser(db, f.tenant, fan.userId);
    await rsvpEvent({ ctx: member, input: { eventId: event.id, status: "going" } });
    await rsvpEvent({ ctx: member, input: { eventId: event.id, status: "interested" } });
    await rsvpEvent({ ctx: member, input: { eventId: event.id, status: "none" } });
    await rsvpEvent({ ctx: member, input: { eventId: event.id, status: "going" } });
    expect(await records(f.tenant.id)).toEqual([
      { meter: "events_published", quantity: 1, idempotency_key: `event:${event.id}`, report_id: null },
      { meter: "rsvps", quantity: 1, idempotency_key: `rsvp:${event.id}:${fan.userId}`, report_id: null },
    ]);
  });

  it("records nothing when the action fails (a full event)", async () => {
    const f = await createTenantFixture(db, { plan: "pro" });
    const fan = await addMember(db, f.tenant, ["member"]);
    const owner = await asProductUser(db, f.tenant, f.owner.userId);
    const event = await createEvent({ ctx: owner, input: { title: "Tiny", startsAt: inDays(3), capacity: 1 } });
    await rsvpEvent({ ctx: owner, input: { eventId: event.id, status: "going" } });
    const member = await asProductUser(db, f.tenant, fan.userId);
    await expect(rsvpEvent({ ctx: member, input: { eventId: event.id, status: "going" } })).rejects.toThrow(/full/);
    expect((await records(f.tenant.id)).filter((r) => r.meter === "rsvps")).toHaveLength(1);
  });

  it("refuses bad input and another tenant's transaction", async () => {
    const a = await createTenantFixture(db);
    const b = await createTenantFixture(db);
    await expect(
      withTenant(db.control, a.tenant.id, (tx) =>
        recordUsage(tx, { tenantId: a.tenant.id, meter: "api_calls" as "rsvps", quantity: 1, idempotencyKey: "k" }),
      ),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      withTenant(db.control, a.tenant.id, (tx) =>
        recordUsage(tx, { tenantId: a.tenant.id, meter: "rsvps", quantity: 0, idempotencyKey: "k" }),
      ),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      withTenant(db.control, a.tenant.id, (tx) =>
        recordUsage(tx, { tenantId: b.tenant.id, meter: "rsvps", quantity: 1, idempotencyKey: "k" }),
      ),
    ).rejects.toThrow(/another tenant/);
    expect(await records(b.tenant.id)).toEqual([]);
  });
});

describe("reporting to Stripe meters, exactly once", () => {
  async function usage(tenantId: string, meter: "events_published" | "rsvps", n: number, prefix: string) {
    await withTenant(db.control, tenantId, async (tx) => {
      for (let i = 0; i < n; i++)
        await recordUsage(tx, { tenantId, meter, quantity: 1, idempotencyKey: `${prefix}${i}` });
    });
  }

  it("aggregates unreported records per meter into one meter event whose identifier is the report id", async () => {
    const t = await payingTenant();
    await usage(t.tenant.id, "events_published", 3, "e");
    await usage(t.tenant.id, "rsvps", 5, "r");
    const out = await reportTenantUsage({ database: db.control, stripe }, t.tenant.id);
    expect(out).toMatchObject({ claimed: 2, sent: 2, failed: 0 });
    const sent = await reports(t.tenant.id);
    expect(sent.map((r) => [r.meter, r.quantity, r.status])).toEqual([
      ["events_published", 3, "sent"],
      ["rsvps", 5, "sent"],
    ]);
    expect((await records(t.tenant.id)).every((r) => r.report_id !== null)).toBe(true);
    const posted = emulator.requests.filter((r) => r.path === "/v1/billing/meter_events" && r.status === 200);
    expect(posted.map((r) => r.params.identifier)).toEqual(expect.arrayContaining(sent.map((r) => r.id)));
    expect(await countedAtStripe(t.customer, METERS.events_published.eventName)).toBe(3);
    expect(await countedAtStripe(t.customer, METERS.rsvps.eventName)).toBe(5);
    // Nothing new: nothing sent.
    expect(await reportTenantUsage({ database: db.control, stripe }, t.tenant.id)).toMatchObject({
      claimed: 0,
      sent: 0,
    });
  });

  it("a crash between Stripe's answer and marking the report sent re-sends the same identifier, counted once", async () => {
    const t = await payingTenant();
    await usage(t.tenant.id, "rsvps", 4, "crash");
    const crash = new Error("worker killed after the send");
    await expect(
      reportTenantUsage(
        {
          database: db.control,
          stripe,
          afterSend: () => {
            throw crash;
          },
        },
        t.tenant.id,
      ),
    ).rejects.toBe(crash);
    const [pending] = await reports(t.tenant.id);
    expect(pending).toMatchObject({ status: "pending", attempts: 1, quantity: 4 });
    expect(await countedAtStripe(t.customer, METERS.rsvps.eventName)).toBe(4);

    const again = await reportTenantUsage({ database: db.control, stripe }, t.tenant.id);
    expect(again).toMatchObject({ claimed: 0, sent: 0, alreadyCounted: 1 });
    expect(await reports(t.tenant.id)).toEqual([expect.objectContaining({ status: "sent", attempts: 2 })]);
    expect(await countedAtStripe(t.customer, METERS.rsvps.eventName)).toBe(4);
    // Both attempts carried the same identifier, each under its own idempotency key.
    const sends = emulator.requests.filter(
      (r) => r.path === "/v1/billing/meter_events" && r.params.identifier === pending?.id,
    );
    expect(sends.map((r) => r.status)).toEqual([200, 400]);
    expect(new Set(sends.map((r) => r.idempotencyKey)).size).toBe(2);
  });

  it("a failed send stays pending and goes out on the next run; identifiers stay unique", async () => {
    const t = await payingTenant();
    await usage(t.tenant.id, "events_published", 2, "fail");
    emulator.failNext({ path: "/v1/billing/meter_events", method: "POST", status: 500 });
    expect(await reportTenantUsage({ database: db.control, stripe }, t.tenant.id)).toMatchObject({
      claimed: 1,
      failed: 1,
    });
    await usage(t.tenant.id, "events_published", 1, "later");
    expect(await reportTenantUsage({ database: db.control, stripe }, t.tenant.id)).toMatchObject({
      claimed: 1,
      sent: 2,
    });
    const all = await reports(t.tenant.id);
    expect(all.map((r) => r.quantity)).toEqual([2, 1]);
    expect(new Set(all.map((r) => r.id)).size).toBe(2);
    expect(await countedAtStripe(t.customer, METERS.events_published.eventName)).toBe(3);
  });

  it("two reporters at once count every record once", async () => {
    const t = await payingTenant();
    await usage(t.tenant.id, "rsvps", 6, "race");
    const [a, b] = await Promise.all([
      reportTenantUsage({ database: db.control, stripe }, t.tenant.id),
      reportTenantUsage({ database: db.control, stripe }, t.tenant.id),
    ]);
    expect(a.claimed + b.claimed).toBe(1);
    expect(await countedAtStripe(t.customer, METERS.rsvps.eventName)).toBe(6);
  });

  it("a tenant without a Stripe customer accumulates until it has one", async () => {
    const f = await createTenantFixture(db, { plan: "pro" });
    await usage(f.tenant.id, "rsvps", 2, "wait");
    const before = await reportUsage({ database: db.control, stripe });
    expect(before.waiting).toBeGreaterThanOrEqual(1);
    expect(await reports(f.tenant.id)).toEqual([]);
    const customer = await stripe.customers.create({ email: "late@payer.test" });
    await attachCustomer(f.tenant.id, customer.id);
    expect(await reportTenantUsage({ database: db.control, stripe }, f.tenant.id)).toMatchObject({ sent: 1 });
    expect(await countedAtStripe(customer.id, METERS.rsvps.eventName)).toBe(2);
  });
});

describe("getUsageOverview (the usage page)", () => {
  it("sums the period per meter and day, tells reported from pending, and needs billing.read", async () => {
    const t = await payingTenant();
    const start = new Date(Date.now() - 2 * 86_400_000);
    const end = new Date(Date.now() + 28 * 86_400_000);
    await withTenant(db.control, t.tenant.id, (tx) =>
      tx
        .update(billingAccounts)
        .set({ currentPeriodStart: start, currentPeriodEnd: end })
        .where(eq(billingAccounts.tenantId, t.tenant.id)),
    );
    await withTenant(db.control, t.tenant.id, async (tx) => {
      await recordUsage(tx, { tenantId: t.tenant.id, meter: "rsvps", quantity: 3, idempotencyKey: "a" });
      await recordUsage(tx, { tenantId: t.tenant.id, meter: "events_published", quantity: 1, idempotencyKey: "b" });
    });
    await reportTenantUsage({ database: db.control, stripe }, t.tenant.id);
    await withTenant(db.control, t.tenant.id, (tx) =>
      recordUsage(tx, { tenantId: t.tenant.id, meter: "rsvps", quantity: 2, idempotencyKey: "c" }),
    );
    // Before the period: not counted.
    await db.owner.sql`
      insert into usage_records (id, tenant_id, meter, quantity, idempotency_key, occurred_at)
      values (${`usg_old${Date.now()}`}, ${t.tenant.id}, 'rsvps', 50, 'old', ${new Date(start.getTime() - 86_400_000).toISOString()})`;

    const ctx = await asUser(db, t.tenant, t.owner.userId);
    const o = await getUsageOverview({ ctx });
    expect(o.period).toEqual({ start, end, source: "subscription" });
    expect(o.hasStripeCustomer).toBe(true);
    const rsvps = o.meters.find((m) => m.id === "rsvps");
    expect(rsvps).toMatchObject({ name: "RSVPs", total: 5, reported: 3 });
    // The whole period, days ahead empty; today holds the running total.
    expect(rsvps?.days.length).toBeGreaterThanOrEqual(30);
    const today = new Date().toISOString().slice(0, 10);
    expect(rsvps?.days.find((d) => d.date === today)).toMatchObject({ value: 5, cumulative: 5 });
    expect(rsvps?.days.at(-1)).toMatchObject({ value: null, cumulative: null });
    expect(o.meters.find((m) => m.id === "events_published")).toMatchObject({ total: 1, reported: 1 });

    const viewer = await addMember(db, t.tenant, ["viewer"]);
    await expect(getUsageOverview({ ctx: await asUser(db, t.tenant, viewer.userId) })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    const manager = await addMember(db, t.tenant, ["billing_manager"]);
    expect((await getUsageOverview({ ctx: await asUser(db, t.tenant, manager.userId) })).meters).toHaveLength(2);
  });

  it("falls back to the calendar month without a subscription period, and never shows another tenant's usage", async () => {
    const a = await createTenantFixture(db);
    const b = await createTenantFixture(db);
    await withTenant(db.control, b.tenant.id, (tx) =>
      recordUsage(tx, { tenantId: b.tenant.id, meter: "rsvps", quantity: 7, idempotencyKey: "b" }),
    );
    const now = new Date("2026-12-15T10:00:00Z");
    const o = await getUsageOverview({ ctx: await asUser(db, a.tenant, a.owner.userId), now });
    expect(o.period).toEqual({
      start: new Date("2026-12-01T00:00:00Z"),
      end: new Date("2027-01-01T00:00:00Z"),
      source: "calendar_month",
    });
    expect(o.meters.every((m) => m.total === 0)).toBe(true);
    expect(o.meters[0]?.days).toHaveLength(31);
    expect(o.meters[0]?.days.filter((d) => d.cumulative !== null)).toHaveLength(15);
  });
});
