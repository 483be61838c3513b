import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createArtist } from "../../artists/create";
import { deleteArtist } from "../../artists/delete";
import { ForbiddenError, NotFoundError, ValidationError } from "../../errors";
import { asProductUser, countRows } from "../../plans/__tests__/product-ctx";
import { FeatureUnavailableError } from "../../plans/errors";
import { createTestDatabase, type TestDatabase } from "../../testing/db";
import { addMember, auditEvents, createTenantFixture, expectAuditEvent } from "../../testing/fixtures";
import { createEvent } from "../create";
import { deleteEvent } from "../delete";
import { getEventOrThrow, listEvents } from "../list";
import { rsvpEvent } from "../rsvp";
import { updateEvent } from "../update";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

const DAY = 86_400_000;
const inDays = (d: number) => new Date(Date.now() + d * DAY).toISOString();
const eventRow = async (id: string) => {
  const [row] = await db.owner.sql`select title, artist_id, capacity from events where id = ${id}`;
  return row;
};

describe("events are a plan feature", () => {
  it("on Free every event verb, reads included, says which plan to upgrade to", async () => {
    const f = await createTenantFixture(db, { plan: "free" });
    const ctx = await asProductUser(db, f.tenant, f.owner.userId);
    const err = await createEvent({ ctx, input: { title: "Launch", startsAt: inDays(7) } }).catch((e) => e);
    expect(err).toBeInstanceOf(FeatureUnavailableError);
    expect(err).toMatchObject({ status: 402, reason: "plan", requiredPlan: "pro", addon: null });
    expect(err.adminMessage).toBe("Events are available on the Pro plan and above. Upgrade in Billing.");
    await expect(listEvents({ ctx })).rejects.toBeInstanceOf(FeatureUnavailableError);
    await expect(
      rsvpEvent({ ctx, input: { eventId: "evt_00000000000000000000000000", status: "going" } }),
    ).rejects.toBeInstanceOf(FeatureUnavailableError);
    expect(await countRows(db, "events", f.tenant.id)).toBe(0);
  });

  it("a flag switched off takes events away from a Pro tenant", async () => {
    const f = await createTenantFixture(db, { plan: "pro" });
    const ctx = { ...(await asProductUser(db, f.tenant, f.owner.userId)), signals: { flags: { events: false } } };
    await expect(listEvents({ ctx })).rejects.toMatchObject({ reason: "flag" });
  });
});

describe("event verbs (Pro)", () => {
  it("creates, reads, updates and deletes an event linked to an artist, audited", async () => {
    const f = await createTenantFixture(db, { plan: "pro" });
    const ctx = await asProductUser(db, f.tenant, f.owner.userId);
    const artist = await createArtist({ ctx, input: { name: "Headliner" } });
    const event = await createEvent({
      ctx,
      input: { title: " Summer Night ", venue: "Park", startsAt: inDays(30), capacity: 100, artistId: artist.id },
    });
    expect(event).toMatchObject({ title: "Summer Night", artistId: artist.id, capacity: 100, ownerId: f.owner.userId });
    await expectAuditEvent(db, f.tenant.id, { action: "event.create", targetId: event.id });
    expect(await getEventOrThrow({ ctx, input: { eventId: event.id } })).toMatchObject({
      id: event.id,
      going: 0,
      interested: 0,
      myRsvp: null,
    });

    const updated = await updateEvent({ ctx, input: { eventId: event.id, capacity: null, artistId: null } });
    expect(updated).toMatchObject({ capacity: null, artistId: null, title: "Summer Night" });
    const audit = await expectAuditEvent(db, f.tenant.id, { action: "event.update", targetId: event.id });
    expect(audit?.before).toMatchObject({ capacity: 100, artistId: artist.id });

    await deleteEvent({ ctx, input: { eventId: event.id } });
    await expectAuditEvent(db, f.tenant.id, { action: "event.delete", targetId: event.id });
    expect(await eventRow(event.id)).toBeUndefined();
  });

  it("lists upcoming events soonest first and all events latest first, with tallies and my answer", async () => {
    const f = await createTenantFixture(db, { plan: "pro" });
    const ctx = await asProductUser(db, f.tenant, f.owner.userId);
    const soon = await createEvent({ ctx, input: { title: "Soon", startsAt: inDays(1) } });
    const later = await createEvent({ ctx, input: { title: "Later", startsAt: inDays(10) } });
    const past = await createEvent({ ctx, input: { title: "Past", startsAt: inDays(2) } });
    await db.owner.sql`update events set starts_at = now() - interval '3 days' where id = ${past.id}`;
    const m = await addMember(db, f.tenant, ["member"]);
    const mctx = await asProductUser(db, f.tenant, m.userId);
    await rsvpEvent({ ctx, input: { eventId: soon.id, status: "going" } });
    await rsvpEvent({ ctx: mctx, input: { eventId: soon.id, status: "interested" } });

    const upcoming = await listEvents({ ctx, input: { upcomingOnly: true } });
    expect(upcoming.total).toBe(2);
    expect(upcoming.items.map((e) => [e.title, e.going, e.interested, e.myRsvp])).toEqual([
      ["Soon", 1, 1, "going"],
      ["Later", 0, 0, null],
    ]);
    const all = await listEvents({ ctx: mctx, input: { pageSize: 2 } });
    expect(all.total).toBe(3);
    expect(all.items.map((e) => [e.title, e.myRsvp])).toEqual([
      ["Later", null],
      ["Soon", "interested"],
    ]);
    expect((await listEvents({ ctx: mctx, input: { page: 2, pageSize: 2 } })).items.map((e) => e.id)).toEqual([
      past.id,
    ]);
    expect(later.id).toBeDefined();
  });

  it("rejects an unauthorized actor: viewers only read, members change only their own events", async () => {
    const f = await createTenantFixture(db, { plan: "pro" });
    const owner = await asProductUser(db, f.tenant, f.owner.userId);
    const theirs = await createEvent({ ctx: owner, input: { title: "Owner's gig", startsAt: inDays(5) } });
    const viewer = await asProductUser(db, f.tenant, (await addMember(db, f.tenant, ["viewer"])).userId);
    const memberM = await addMember(db, f.tenant, ["member"]);
    const member = await asProductUser(db, f.tenant, memberM.userId);

    await expect(createEvent({ ctx: viewer, input: { title: "Nope", startsAt: inDays(5) } })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(rsvpEvent({ ctx: viewer, input: { eventId: theirs.id, status: "going" } })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    expect((await listEvents({ ctx: viewer })).total).toBe(1);

    await expect(updateEvent({ ctx: member, input: { eventId: theirs.id, title: "Hijacked" } })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(deleteEvent({ ctx: member, input: { eventId: theirs.id } })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await eventRow(theirs.id)).toMatchObject({ title: "Owner's gig" });

    const own = await createEvent({ ctx: member, input: { title: "Member's gig", startsAt: inDays(6) } });
    expect(await updateEvent({ ctx: member, input: { eventId: own.id, title: "Renamed" } })).toMatchObject({
      title: "Renamed",
    });
    await deleteEvent({ ctx: member, input: { eventId: own.id } });
    expect(await countRows(db, "events", f.tenant.id)).toBe(1);
  });

  it("cannot touch another tenant's events or link another tenant's artist", async () => {
    const a = await createTenantFixture(db, { plan: "pro" });
    const b = await createTenantFixture(db, { plan: "pro" });
    const bctx = await asProductUser(db, b.tenant, b.owner.userId);
    const bArtist = await createArtist({ ctx: bctx, input: { name: "B artist" } });
    const bEvent = await createEvent({
      ctx: bctx,
      input: { title: "B only", startsAt: inDays(3), artistId: bArtist.id, capacity: 5 },
    });
    const actx = await asProductUser(db, a.tenant, a.owner.userId);

    const eventId = bEvent.id;
    await expect(getEventOrThrow({ ctx: actx, input: { eventId } })).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateEvent({ ctx: actx, input: { eventId, title: "Owned" } })).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteEvent({ ctx: actx, input: { eventId } })).rejects.toBeInstanceOf(NotFoundError);
    await expect(rsvpEvent({ ctx: actx, input: { eventId, status: "going" } })).rejects.toBeInstanceOf(NotFoundError);
    expect((await listEvents({ ctx: actx })).total).toBe(0);

    const err = await createEvent({
      ctx: actx,
      input: { title: "Borrowed headliner", startsAt: inDays(3), artistId: bArtist.id },
    }).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.fields).toEqual({ artistId: ["no such artist in this organization"] });

    expect(await eventRow(bEvent.id)).toMatchObject({ title: "B only", artist_id: bArtist.id, capacity: 5 });
    expect(await countRows(db, "event_rsvps", b.tenant.id)).toBe(0);
    expect(await countRows(db, "events", a.tenant.id)).toBe(0);
  });

  it("reports every invalid field and writes nothing", async () => {
    const f = await createTenantFixture(db, { plan: "pro" });
    const ctx = await asProductUser(db, f.tenant, f.owner.userId);
    const existing = await createEvent({ ctx, input: { title: "Keep me", startsAt: inDays(4), capacity: 10 } });
    const eventsBefore = await countRows(db, "events", f.tenant.id);
    const auditBefore = (await auditEvents(db, f.tenant.id)).length;

    const err = await createEvent({
      ctx,
      input: {
        title: "",
        venue: "v".repeat(141),
        description: "d".repeat(4001),
        startsAt: inDays(-1),
        capacity: 0,
        artistId: "nope",
      },
    }).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.fields).toEqual({
      title: ["title is required"],
      venue: ["venue must be at most 140 characters"],
      description: ["description must be at most 4000 characters"],
      startsAt: ["startsAt must be in the future"],
      capacity: ["capacity must be at least 1"],
      artistId: ["not an artist id"],
    });
    await expect(createEvent({ ctx, input: { title: "X", startsAt: "2031-05-01T20:00" } })).rejects.toMatchObject({
      fields: {
        startsAt: ["startsAt must be an ISO 8601 date-time with a time zone, or a local date-time with timeZone"],
      },
    });
    await expect(
      createEvent({ ctx, input: { title: "X", startsAt: inDays(1), capacity: 100_001 } }),
    ).rejects.toMatchObject({ fields: { capacity: ["capacity must be at most 100000"] } });
    await expect(createEvent({ ctx, input: { title: "X", startsAt: inDays(1), capacity: 2.5 } })).rejects.toMatchObject(
      { fields: { capacity: ["capacity must be a whole number"] } },
    );
    await expect(updateEvent({ ctx, input: { eventId: existing.id, startsAt: inDays(-2) } })).rejects.toMatchObject({
      fields: { startsAt: ["startsAt must be in the future"] },
    });

    expect(await countRows(db, "events", f.tenant.id)).toBe(eventsBefore);
    expect((await auditEvents(db, f.tenant.id)).length).toBe(auditBefore);

    // A clock a few minutes behind ours is tolerated.
    const skewed = new Date(Date.now() - 2 * 60_000).toISOString();
    await expect(createEvent({ ctx, input: { title: "Right now", startsAt: skewed } })).resolves.toBeDefined();
  });

  it("a past event can be edited without moving it; deleting its artist unlinks it", async () => {
    const f = await createTenantFixture(db, { plan: "pro" });
    const ctx = await asProductUser(db, f.tenant, f.owner.userId);
    const artist = await createArtist({ ctx, input: { name: "Retired" } });
    const event = await createEvent({ ctx, input: { title: "Old show", startsAt: inDays(1), artistId: artist.id } });
    await db.owner.sql`update events set starts_at = now() - interval '10 days' where id = ${event.id}`;
    // What an edit form would send back: the value as the API returned it.
    const startsAt = (await getEventOrThrow({ ctx, input: { eventId: event.id } })).startsAt.toISOString();
    const edited = await updateEvent({ ctx, input: { eventId: event.id, title: "Old show (recap)", startsAt } });
    expect(edited.title).toBe("Old show (recap)");
    await deleteArtist({ ctx, input: { artistId: artist.id } });
    expect(await eventRow(event.id)).toMatchObject({ title: "Old show (recap)", artist_id: null });
  });
});

describe("RSVPs", () => {
  it("respects capacity, frees a seat on withdrawal, is idempotent and audited", async () => {
    const f = await createTenantFixture(db, { plan: "pro" });
    const owner = await asProductUser(db, f.tenant, f.owner.userId);
    const event = await createEvent({ ctx: owner, input: { title: "Small room", startsAt: inDays(2), capacity: 2 } });
    const [m1, m2, m3] = await Promise.all([1, 2, 3].map(() => addMember(db, f.tenant, ["member"])));
    const [c1, c2, c3] = await Promise.all([m1, m2, m3].map((m) => asProductUser(db, f.tenant, m?.userId ?? "")));
    if (!c1 || !c2 || !c3) throw new Error("members missing");
    const eventId = event.id;

    expect(await rsvpEvent({ ctx: c1, input: { eventId, status: "going" } })).toEqual({
      eventId,
      status: "going",
      going: 1,
      interested: 0,
    });
    const audit = await expectAuditEvent(db, f.tenant.id, { action: "event.rsvp", targetId: eventId });
    expect(audit).toMatchObject({ before: { status: "none" }, after: { status: "going" } });
    await rsvpEvent({ ctx: c2, input: { eventId, status: "going" } });
    const full = await rsvpEvent({ ctx: c3, input: { eventId, status: "going" } }).catch((e) => e);
    expect(full).toMatchObject({ code: "conflict", message: "This event is full." });
    expect(await rsvpEvent({ ctx: c3, input: { eventId, status: "interested" } })).toMatchObject({
      going: 2,
      interested: 1,
    });

    const before = (await auditEvents(db, f.tenant.id)).length;
    await rsvpEvent({ ctx: c1, input: { eventId, status: "going" } });
    expect((await auditEvents(db, f.tenant.id)).length).toBe(before);

    expect(await rsvpEvent({ ctx: c1, input: { eventId, status: "none" } })).toMatchObject({ going: 1 });
    expect(await rsvpEvent({ ctx: c3, input: { eventId, status: "going" } })).toMatchObject({
      going: 2,
      interested: 0,
    });
    // The cap cannot be lowered under the guests already going.
    await expect(updateEvent({ ctx: owner, input: { eventId, capacity: 1 } })).rejects.toMatchObject({
      fields: { capacity: ["2 people are already going; capacity cannot be lower"] },
    });
    await expect(rsvpEvent({ ctx: c1, input: { eventId, status: "maybe" as "going" } })).rejects.toBeInstanceOf(
      ValidationError,
    );
  });

  it("concurrent answers never overbook the last seats", async () => {
    const f = await createTenantFixture(db, { plan: "pro" });
    const owner = await asProductUser(db, f.tenant, f.owner.userId);
    const event = await createEvent({ ctx: owner, input: { title: "Tiny", startsAt: inDays(2), capacity: 3 } });
    const members = await Promise.all(Array.from({ length: 8 }, () => addMember(db, f.tenant, ["member"])));
    const ctxs = await Promise.all(members.map((m) => asProductUser(db, f.tenant, m.userId)));
    const results = await Promise.allSettled(
      ctxs.map((ctx) => rsvpEvent({ ctx, input: { eventId: event.id, status: "going" } })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    expect(await getEventOrThrow({ ctx: owner, input: { eventId: event.id } })).toMatchObject({ going: 3 });
  });

  it("closes when the event has started, but a withdrawal is still accepted", async () => {
    const f = await createTenantFixture(db, { plan: "pro" });
    const ctx = await asProductUser(db, f.tenant, f.owner.userId);
    const event = await createEvent({ ctx, input: { title: "Tonight", startsAt: inDays(1) } });
    await rsvpEvent({ ctx, input: { eventId: event.id, status: "interested" } });
    await db.owner.sql`update events set starts_at = now() - interval '1 hour' where id = ${event.id}`;
    await expect(rsvpEvent({ ctx, input: { eventId: event.id, status: "going" } })).rejects.toMatchObject({
      code: "precondition_failed",
    });
    expect(await rsvpEvent({ ctx, input: { eventId: event.id, status: "none" } })).toMatchObject({ interested: 0 });
  });
});
