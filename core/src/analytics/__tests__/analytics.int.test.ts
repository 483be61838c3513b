import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createArtist } from "../../artists/create";
import { ForbiddenError } from "../../errors";
import { createEvent } from "../../events/create";
import { rsvpEvent } from "../../events/rsvp";
import { asProductUser } from "../../plans/__tests__/product-ctx";
import { computeEntitlements } from "../../plans/catalog";
import { FeatureUnavailableError } from "../../plans/errors";
import { createTestDatabase, type TestDatabase } from "../../testing/db";
import { addMember, createTenantFixture } from "../../testing/fixtures";
import { getAnalyticsSummary } from "../summary";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

/** `YYYY-MM` of the UTC calendar month `offset` months from now. */
function monthKey(offset: number): string {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
  return d.toISOString().slice(0, 7);
}

/** Moves a row to day `day` of the UTC month `offset` months from now. */
async function moveTo(table: "artists" | "events", column: "created_at" | "starts_at", id: string, offset: number) {
  await db.owner.sql`
    update ${db.owner.sql(table)}
       set ${db.owner.sql(column)} = (date_trunc('month', now() at time zone 'UTC')
                                      + make_interval(months => ${offset}) + interval '2 days') at time zone 'UTC'
     where id = ${id}`;
}

describe("getAnalyticsSummary", () => {
  it("counts the tenant's content and charts the last 12 months, empty months as 0", async () => {
    const f = await createTenantFixture(db, { plan: "business" });
    const ctx = await asProductUser(db, f.tenant, f.owner.userId);
    const member = await addMember(db, f.tenant, ["member"]);
    await addMember(db, f.tenant, ["viewer"]);
    const [a1, a2] = [
      await createArtist({ ctx, input: { name: "Two months ago" } }),
      await createArtist({ ctx, input: { name: "Over a year ago" } }),
      await createArtist({ ctx, input: { name: "This month 1" } }),
      await createArtist({ ctx, input: { name: "This month 2" } }),
    ];
    await moveTo("artists", "created_at", a1?.id ?? "", -2);
    await moveTo("artists", "created_at", a2?.id ?? "", -14);
    const start = new Date(Date.now() + 86_400_000).toISOString();
    const events = [];
    for (const title of ["Last month A", "Last month B", "Oldest month", "Upcoming"]) {
      events.push(await createEvent({ ctx, input: { title, startsAt: start } }));
    }
    const [e1, e2, e3, upcoming] = events;
    await moveTo("events", "starts_at", e1?.id ?? "", -1);
    await moveTo("events", "starts_at", e2?.id ?? "", -1);
    await moveTo("events", "starts_at", e3?.id ?? "", -11);
    // Later than any month in the window: counted as upcoming, not charted.
    await moveTo("events", "starts_at", upcoming?.id ?? "", 2);
    const eventId = upcoming?.id ?? "";
    await rsvpEvent({ ctx, input: { eventId, status: "going" } });
    await rsvpEvent({
      ctx: await asProductUser(db, f.tenant, member.userId),
      input: { eventId, status: "interested" },
    });

    // Another tenant's content must not leak into these numbers.
    const other = await createTenantFixture(db, { plan: "business" });
    const octx = await asProductUser(db, other.tenant, other.owner.userId);
    await createArtist({ ctx: octx, input: { name: "Elsewhere" } });
    await createEvent({ ctx: octx, input: { title: "Elsewhere", startsAt: start } });

    const summary = await getAnalyticsSummary({ ctx });
    expect(summary.totals).toEqual({ artists: 4, events: 4, upcomingEvents: 1, rsvps: 2, going: 1, members: 3 });
    expect(summary.monthly.map((p) => p.month)).toEqual(Array.from({ length: 12 }, (_, i) => monthKey(i - 11)));
    const byMonth = Object.fromEntries(summary.monthly.map((p) => [p.month, [p.artistsCreated, p.events]]));
    expect(byMonth[monthKey(0)]).toEqual([2, 0]);
    expect(byMonth[monthKey(-1)]).toEqual([0, 2]);
    expect(byMonth[monthKey(-2)]).toEqual([1, 0]);
    expect(byMonth[monthKey(-11)]).toEqual([0, 1]);
    const charted = summary.monthly.reduce((n, p) => n + p.artistsCreated + p.events, 0);
    expect(charted).toBe(6);
    // RSVPs by the month they were given (both this month), members by when they joined.
    const thisMonth = summary.monthly.at(-1);
    expect(thisMonth).toMatchObject({ rsvps: 2, membersJoined: 3, members: 3 });
    expect(summary.monthly.reduce((n, p) => n + p.rsvps, 0)).toBe(2);
  });

  it("charts RSVPs by month given and members by month joined, as a running count", async () => {
    const f = await createTenantFixture(db, { plan: "business" });
    const ctx = await asProductUser(db, f.tenant, f.owner.userId);
    const early = await addMember(db, f.tenant, ["member"]);
    const late = await addMember(db, f.tenant, ["viewer"]);
    const gone = await addMember(db, f.tenant, ["viewer"]);
    // The owner joined three months ago, a member two months ago, a viewer a year and a half ago
    // (before the window: counted in every month's total, in no month's joins).
    const joinedAt = async (membershipId: string, offset: number) => db.owner.sql`
      update memberships
         set created_at = (date_trunc('month', now() at time zone 'UTC') + make_interval(months => ${offset})
                           + interval '3 days') at time zone 'UTC'
       where id = ${membershipId}`;
    await joinedAt(f.owner.membershipId, -3);
    await joinedAt(early.membershipId, -2);
    await joinedAt(late.membershipId, -18);
    // A suspended member is not counted.
    await db.owner.sql`update memberships set status = 'suspended' where id = ${gone.membershipId}`;

    const event = await createEvent({
      ctx,
      input: { title: "Show", startsAt: new Date(Date.now() + 86_400_000).toISOString() },
    });
    await rsvpEvent({ ctx, input: { eventId: event.id, status: "going" } });
    await rsvpEvent({
      ctx: await asProductUser(db, f.tenant, early.userId),
      input: { eventId: event.id, status: "interested" },
    });
    await db.owner.sql`
      update event_rsvps
         set created_at = (date_trunc('month', now() at time zone 'UTC') - interval '1 month' + interval '5 days') at time zone 'UTC'
       where tenant_id = ${f.tenant.id} and user_id = ${early.userId}`;

    const { monthly, totals } = await getAnalyticsSummary({ ctx });
    const at = (offset: number) => monthly.find((p) => p.month === monthKey(offset));
    expect(at(-11)).toMatchObject({ membersJoined: 0, members: 1 });
    expect(at(-3)).toMatchObject({ membersJoined: 1, members: 2 });
    expect(at(-2)).toMatchObject({ membersJoined: 1, members: 3 });
    expect(at(0)).toMatchObject({ membersJoined: 0, members: 3, rsvps: 1 });
    expect(at(-1)).toMatchObject({ rsvps: 1 });
    expect(totals.members).toBe(3);
  });

  it("needs the analytics feature: Business or the add-on", async () => {
    const f = await createTenantFixture(db, { plan: "pro" });
    const ctx = await asProductUser(db, f.tenant, f.owner.userId);
    const err = await getAnalyticsSummary({ ctx }).catch((e) => e);
    expect(err).toBeInstanceOf(FeatureUnavailableError);
    expect(err).toMatchObject({ requiredPlan: "business", addon: "analytics" });

    const withAddon = { ...ctx, entitlements: computeEntitlements("pro", ["analytics"]) };
    const summary = await getAnalyticsSummary({ ctx: withAddon });
    expect(summary.totals).toMatchObject({ artists: 0, events: 0, members: 1 });
    expect(summary.monthly).toHaveLength(12);
    expect(summary.monthly.every((p) => p.artistsCreated === 0 && p.events === 0 && p.rsvps === 0)).toBe(true);
  });

  it("rejects an unauthorized actor (members have no analytics.read)", async () => {
    const f = await createTenantFixture(db, { plan: "business" });
    const m = await addMember(db, f.tenant, ["member"]);
    const ctx = await asProductUser(db, f.tenant, m.userId);
    await expect(getAnalyticsSummary({ ctx })).rejects.toBeInstanceOf(ForbiddenError);
  });
});
