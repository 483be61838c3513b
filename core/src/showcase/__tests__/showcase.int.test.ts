import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createArtist } from "../../artists/create";
import { createEvent } from "../../events/create";
import { asProductUser, storedEntitlements } from "../../plans/__tests__/product-ctx";
import { createTestDatabase, type TestDatabase } from "../../testing/db";
import { createTenantFixture, type TenantFixture } from "../../testing/fixtures";
import { CONTENT_CHANGED_CHANNEL } from "../notify";
import { readTenantShowcase } from "../read";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** The tenant as the host resolver hands it to the runtime. */
async function resolved(f: TenantFixture) {
  return {
    id: f.tenant.id,
    plan: f.tenant.plan,
    status: f.tenant.status,
    entitlements: await storedEntitlements(db, f.tenant.id),
  };
}

describe("readTenantShowcase (the public home page)", () => {
  it("lists upcoming events soonest first and artists playing soon first, public fields only", async () => {
    const f = await createTenantFixture(db, { plan: "pro" });
    const ctx = await asProductUser(db, f.tenant, f.owner.userId);
    const quiet = await createArtist({ ctx, input: { name: "Quiet One", genre: "Folk", bio: "private-ish bio" } });
    const busy = await createArtist({ ctx, input: { name: "Busy Band", genre: "Rock", country: "NO" } });
    const later = await createEvent({
      ctx,
      input: { title: "Later show", startsAt: inDays(9), timeZone: "Europe/Oslo", description: "secret plans" },
    });
    const soon = await createEvent({
      ctx,
      input: { title: "Soon show", startsAt: inDays(2), artistId: busy.id, venue: "Hall" },
    });
    const past = await createEvent({ ctx, input: { title: "Past show", startsAt: inDays(1) } });
    await db.owner.sql`update events set starts_at = now() - interval '1 day' where id = ${past.id}`;

    const s = await readTenantShowcase({ database: db.runtime, tenant: await resolved(f) });
    expect(s.events?.map((e) => e.title)).toEqual(["Soon show", "Later show"]);
    expect(s.events?.[0]).toEqual({
      id: soon.id,
      title: "Soon show",
      venue: "Hall",
      startsAt: expect.any(Date),
      timeZone: "UTC",
      artistName: "Busy Band",
    });
    expect(s.events?.[1]?.timeZone).toBe("Europe/Oslo");
    expect(s.events?.[1]?.id).toBe(later.id);
    expect(s.artists.map((a) => a.name)).toEqual(["Busy Band", "Quiet One"]);
    expect(s.artists[1]).toEqual({ id: quiet.id, name: "Quiet One", genre: "Folk", country: "" });
    // Nothing beyond a directory card: no bios, descriptions or owners.
    expect(JSON.stringify(s)).not.toMatch(/private-ish|secret plans|owner/);
  });

  it("keeps to the limits", async () => {
    const f = await createTenantFixture(db, { plan: "pro" });
    const ctx = await asProductUser(db, f.tenant, f.owner.userId);
    for (let i = 0; i < 4; i++) {
      await createArtist({ ctx, input: { name: `Artist ${i}` } });
      await createEvent({ ctx, input: { title: `Event ${i}`, startsAt: inDays(i + 1) } });
    }
    const s = await readTenantShowcase({
      database: db.runtime,
      tenant: await resolved(f),
      limits: { events: 3, artists: 2 },
    });
    expect(s.events).toHaveLength(3);
    expect(s.artists).toHaveLength(2);
  });

  it("leaves events out when the plan lacks them, and shows only the host's tenant", async () => {
    const pro = await createTenantFixture(db, { plan: "pro" });
    const proCtx = await asProductUser(db, pro.tenant, pro.owner.userId);
    await createArtist({ ctx: proCtx, input: { name: "Elsewhere" } });
    await createEvent({ ctx: proCtx, input: { title: "Elsewhere show", startsAt: inDays(3) } });

    const free = await createTenantFixture(db, { plan: "free" });
    const freeCtx = await asProductUser(db, free.tenant, free.owner.userId);
    await createArtist({ ctx: freeCtx, input: { name: "Home Artist" } });

    const s = await readTenantShowcase({ database: db.runtime, tenant: await resolved(free) });
    expect(s.events).toBeNull();
    expect(s.artists.map((a) => a.name)).toEqual(["Home Artist"]);

    const empty = await createTenantFixture(db, { plan: "pro" });
    expect(await readTenantShowcase({ database: db.runtime, tenant: await resolved(empty) })).toEqual({
      events: [],
      artists: [],
    });
  });

  it("follows dunning as the events list does: readable while restricted, gone when suspended", async () => {
    const f = await createTenantFixture(db, { plan: "pro" });
    const ctx = await asProductUser(db, f.tenant, f.owner.userId);
    await createEvent({ ctx, input: { title: "Still on", startsAt: inDays(4) } });
    const tenant = await resolved(f);
    const restricted = await readTenantShowcase({ database: db.runtime, tenant, signals: { dunning: "restricted" } });
    expect(restricted.events?.map((e) => e.title)).toEqual(["Still on"]);
    const suspended = await readTenantShowcase({ database: db.runtime, tenant, signals: { dunning: "suspended" } });
    expect(suspended.events).toBeNull();
  });

  it("announces content changes at commit, so the cached home page is revalidated", async () => {
    const f = await createTenantFixture(db, { plan: "pro" });
    const ctx = await asProductUser(db, f.tenant, f.owner.userId);
    const heard: string[] = [];
    const sub = await db.owner.sql.listen(CONTENT_CHANGED_CHANNEL, (payload) => heard.push(payload));
    try {
      await createArtist({ ctx, input: { name: "Announced" } });
      // A refused change (an invalid event) announces nothing.
      await expect(createEvent({ ctx, input: { title: "", startsAt: inDays(1) } })).rejects.toThrow();
      await expect.poll(() => heard.length).toBe(1);
      expect(JSON.parse(heard[0] ?? "{}")).toEqual({ tenantId: f.tenant.id });
    } finally {
      await sub.unlisten();
    }
  });
});
