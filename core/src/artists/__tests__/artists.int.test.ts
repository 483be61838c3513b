import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ForbiddenError,
  LimitExceededError,
  NotFoundError,
  PreconditionFailedError,
  ValidationError,
} from "../../errors";
import { asProductSystem, asProductUser, countRows } from "../../plans/__tests__/product-ctx";
import { createTestDatabase, type TestDatabase } from "../../testing/db";
import { addMember, auditEvents, createTenantFixture, expectAuditEvent } from "../../testing/fixtures";
import { createArtist } from "../create";
import { deleteArtist } from "../delete";
import { getArtistOrThrow } from "../get";
import { listArtists } from "../list";
import { updateArtist } from "../update";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

const artistRow = async (id: string) => {
  const [row] = await db.owner.sql`select name, genre, owner_id from artists where id = ${id}`;
  return row;
};

describe("artist verbs", () => {
  it("creates, reads, updates and deletes an artist, audited", async () => {
    const f = await createTenantFixture(db);
    const ctx = await asProductUser(db, f.tenant, f.owner.userId);
    const artist = await createArtist({
      ctx,
      input: { name: "  Nina Simone ", genre: "Jazz", country: "US", website: "https://ninasimone.com" },
    });
    expect(artist).toMatchObject({ name: "Nina Simone", genre: "Jazz", ownerId: f.owner.userId, bio: "" });
    await expectAuditEvent(db, f.tenant.id, {
      action: "artist.create",
      targetId: artist.id,
      actorId: f.owner.userId,
    });
    expect(await getArtistOrThrow({ ctx, input: { artistId: artist.id } })).toEqual(artist);

    const updated = await updateArtist({ ctx, input: { artistId: artist.id, genre: "Soul", website: "" } });
    expect(updated).toMatchObject({ name: "Nina Simone", genre: "Soul", website: null });
    const audit = await expectAuditEvent(db, f.tenant.id, { action: "artist.update", targetId: artist.id });
    expect(audit?.before).toMatchObject({ genre: "Jazz" });
    expect(audit?.after).toMatchObject({ genre: "Soul" });

    // Saving an unchanged form is not a change: no write, no audit noise.
    const events = (await auditEvents(db, f.tenant.id)).length;
    await updateArtist({ ctx, input: { artistId: artist.id, name: "Nina Simone", genre: "Soul" } });
    expect((await auditEvents(db, f.tenant.id)).length).toBe(events);

    await deleteArtist({ ctx, input: { artistId: artist.id } });
    await expectAuditEvent(db, f.tenant.id, { action: "artist.delete", targetId: artist.id });
    expect(await artistRow(artist.id)).toBeUndefined();
    await expect(getArtistOrThrow({ ctx, input: { artistId: artist.id } })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("searches name and genre case-insensitively, takes % and _ literally, and pages by name then id", async () => {
    const f = await createTenantFixture(db, { plan: "pro" });
    const ctx = await asProductUser(db, f.tenant, f.owner.userId);
    for (const [name, genre] of [
      ["Charlie", "jazz"],
      ["alpha", "Rock"],
      ["Bravo", "JAZZ fusion"],
      ["100% Pure", "pop"],
      ["1000 Pure", "pop"],
      ["snake_case", "electro"],
      ["snakeXcase", "electro"],
      ["Bravo", "blues"],
    ] as const) {
      await createArtist({ ctx, input: { name, genre } });
    }
    const names = async (q: string) => (await listArtists({ ctx, input: { q } })).items.map((a) => a.name);
    expect(await names("JaZz")).toEqual(["Bravo", "Charlie"]);
    expect(await names("0%")).toEqual(["100% Pure"]);
    expect(await names("e_c")).toEqual(["snake_case"]);
    expect(await names("nothing like it")).toEqual([]);

    const all = await listArtists({ ctx, input: {} });
    expect(all.total).toBe(8);
    // Byte order of the default collation is not assumed; ties on name are broken by id.
    const sorted = [...all.items].sort((a, b) => (a.name === b.name ? (a.id < b.id ? -1 : 1) : 0));
    expect(all.items.map((a) => a.id)).toEqual(sorted.map((a) => a.id));
    const bravos = all.items.filter((a) => a.name === "Bravo").map((a) => a.id);
    expect(bravos).toEqual([...bravos].sort());

    const page2 = await listArtists({ ctx, input: { page: 2, pageSize: 3 } });
    expect(page2).toMatchObject({ total: 8, page: 2, pageSize: 3 });
    expect(page2.items.map((a) => a.id)).toEqual(all.items.slice(3, 6).map((a) => a.id));
    // Past the end: no rows, but the total is still right (query-string values are accepted).
    expect(await listArtists({ ctx, input: { page: "9" as unknown as number, pageSize: 3 } })).toMatchObject({
      items: [],
      total: 8,
      page: 9,
    });
    await expect(listArtists({ ctx, input: { pageSize: 1000 } })).rejects.toBeInstanceOf(ValidationError);
  });

  it("rejects an unauthorized actor: viewers only read, members change only their own artists", async () => {
    const f = await createTenantFixture(db);
    const owner = await asProductUser(db, f.tenant, f.owner.userId);
    const theirs = await createArtist({ ctx: owner, input: { name: "Owner's artist" } });
    const viewerM = await addMember(db, f.tenant, ["viewer"]);
    const viewer = await asProductUser(db, f.tenant, viewerM.userId);
    const memberM = await addMember(db, f.tenant, ["member"]);
    const member = await asProductUser(db, f.tenant, memberM.userId);

    await expect(createArtist({ ctx: viewer, input: { name: "Nope" } })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      updateArtist({ ctx: viewer, input: { artistId: theirs.id, name: "Viewer was here" } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect((await listArtists({ ctx: viewer })).total).toBe(1);

    const own = await createArtist({ ctx: member, input: { name: "Member's artist" } });
    expect(own.ownerId).toBe(memberM.userId);
    await expect(
      updateArtist({ ctx: member, input: { artistId: theirs.id, name: "Hijacked" } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(deleteArtist({ ctx: member, input: { artistId: theirs.id } })).rejects.toBeInstanceOf(ForbiddenError);
    // Nor can a member hand a new artist to someone else (they could not edit it afterwards).
    await expect(
      createArtist({ ctx: member, input: { name: "Gift", ownerId: f.owner.userId } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect(await artistRow(theirs.id)).toMatchObject({ name: "Owner's artist" });

    expect(await updateArtist({ ctx: member, input: { artistId: own.id, name: "Renamed" } })).toMatchObject({
      name: "Renamed",
    });
    await deleteArtist({ ctx: member, input: { artistId: own.id } });
    expect(await countRows(db, "artists", f.tenant.id)).toBe(1);
  });

  it("cannot touch another tenant's artists", async () => {
    const a = await createTenantFixture(db);
    const b = await createTenantFixture(db);
    const bctx = await asProductUser(db, b.tenant, b.owner.userId);
    const bArtist = await createArtist({ ctx: bctx, input: { name: "B only" } });
    const actx = await asProductUser(db, a.tenant, a.owner.userId);

    await expect(getArtistOrThrow({ ctx: actx, input: { artistId: bArtist.id } })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(updateArtist({ ctx: actx, input: { artistId: bArtist.id, name: "Owned" } })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(deleteArtist({ ctx: actx, input: { artistId: bArtist.id } })).rejects.toBeInstanceOf(NotFoundError);
    expect((await listArtists({ ctx: actx, input: { q: "B only" } })).total).toBe(0);
    // A's owner naming one of B's users as owner is refused too.
    await expect(createArtist({ ctx: actx, input: { name: "Cross", ownerId: b.owner.userId } })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(await artistRow(bArtist.id)).toMatchObject({ name: "B only", owner_id: b.owner.userId });
    expect(await countRows(db, "artists", a.tenant.id)).toBe(0);
  });

  it("reports every invalid field and writes nothing", async () => {
    const f = await createTenantFixture(db);
    const ctx = await asProductUser(db, f.tenant, f.owner.userId);
    const existing = await createArtist({ ctx, input: { name: "Keep me" } });
    const artistsBefore = await countRows(db, "artists", f.tenant.id);
    const auditBefore = (await auditEvents(db, f.tenant.id)).length;

    const err = await createArtist({
      ctx,
      input: {
        name: "   ",
        genre: "g".repeat(61),
        country: "c".repeat(61),
        bio: "b".repeat(4001),
        website: "http://insecure.example.com",
      },
    }).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.fields).toEqual({
      name: ["name is required"],
      genre: ["genre must be at most 60 characters"],
      country: ["country must be at most 60 characters"],
      bio: ["bio must be at most 4000 characters"],
      website: ["website must be an https:// address"],
    });
    const tooLong = `https://example.com/${"x".repeat(300)}`;
    await expect(createArtist({ ctx, input: { name: "X", website: tooLong } })).rejects.toMatchObject({
      fields: { website: ["website must be at most 300 characters"] },
    });
    await expect(createArtist({ ctx, input: { name: "n".repeat(121) } })).rejects.toMatchObject({
      fields: { name: ["name must be at most 120 characters"] },
    });
    await expect(
      updateArtist({ ctx, input: { artistId: existing.id, website: "javascript:alert(1)" } }),
    ).rejects.toMatchObject({ fields: { website: ["website must be an https:// address"] } });
    await expect(updateArtist({ ctx, input: { artistId: "art_nope", name: "X" } })).rejects.toMatchObject({
      fields: { artistId: ["not an artist id"] },
    });
    await expect(
      createArtist({ ctx, input: { name: "X", tenantId: "ten_evil" } as unknown as { name: string } }),
    ).rejects.toBeInstanceOf(ValidationError);

    expect(await countRows(db, "artists", f.tenant.id)).toBe(artistsBefore);
    expect((await auditEvents(db, f.tenant.id)).length).toBe(auditBefore);
    expect(await artistRow(existing.id)).toMatchObject({ name: "Keep me" });
  });

  it("the platform must name an owner who is a member; a suspended tenant's members change nothing", async () => {
    const f = await createTenantFixture(db);
    const system = await asProductSystem(db, f.tenant);
    await expect(createArtist({ ctx: system, input: { name: "Seeded" } })).rejects.toMatchObject({
      fields: { ownerId: ["required when not acting as a signed-in member"] },
    });
    await expect(
      createArtist({ ctx: system, input: { name: "Seeded", ownerId: "usr_00000000000000000000000000" } }),
    ).rejects.toMatchObject({ fields: { ownerId: ["not a member of this organization"] } });
    const seeded = await createArtist({ ctx: system, input: { name: "Seeded", ownerId: f.owner.userId } });
    expect(seeded.ownerId).toBe(f.owner.userId);
    await expectAuditEvent(db, f.tenant.id, { action: "artist.create", actorType: "system" });

    const member = await asProductUser(db, f.tenant, f.owner.userId);
    const suspended = { ...member, tenant: { ...member.tenant, status: "suspended" as const } };
    await expect(createArtist({ ctx: suspended, input: { name: "Late" } })).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
  });
});

describe("artists-per-tenant limit", () => {
  it("Free allows 10 artists and refuses the 11th until one is deleted; Pro goes past 10", async () => {
    const f = await createTenantFixture(db, { plan: "free" });
    const ctx = await asProductUser(db, f.tenant, f.owner.userId);
    const made = [];
    for (let i = 1; i <= 10; i++) made.push(await createArtist({ ctx, input: { name: `Artist ${i}` } }));
    const err = await createArtist({ ctx, input: { name: "Artist 11" } }).catch((e) => e);
    expect(err).toBeInstanceOf(LimitExceededError);
    expect(err).toMatchObject({ limit: "artists", max: 10 });
    expect(err.message).toMatch(/Free plan allows up to 10 artists.*Pro/);
    expect(await countRows(db, "artists", f.tenant.id)).toBe(10);
    await expectAuditEvent(db, f.tenant.id, { action: "artist.create", targetId: made[9]?.id });

    await deleteArtist({ ctx, input: { artistId: made[0]?.id ?? "" } });
    await createArtist({ ctx, input: { name: "Artist 11" } });
    expect(await countRows(db, "artists", f.tenant.id)).toBe(10);

    const pro = await createTenantFixture(db, { plan: "pro" });
    const pctx = await asProductUser(db, pro.tenant, pro.owner.userId);
    for (let i = 1; i <= 11; i++) await createArtist({ ctx: pctx, input: { name: `Pro ${i}` } });
    expect(await countRows(db, "artists", pro.tenant.id)).toBe(11);
  });

  it("a concurrent burst of creates never goes past the limit", async () => {
    const f = await createTenantFixture(db, { plan: "free" });
    const ctx = await asProductUser(db, f.tenant, f.owner.userId);
    for (let i = 1; i <= 6; i++) await createArtist({ ctx, input: { name: `Early ${i}` } });
    const burst = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => createArtist({ ctx, input: { name: `Burst ${i}` } })),
    );
    const ok = burst.filter((r) => r.status === "fulfilled");
    const refused = burst.filter((r) => r.status === "rejected");
    expect(ok).toHaveLength(4);
    expect(refused).toHaveLength(8);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(LimitExceededError);
    expect(await countRows(db, "artists", f.tenant.id)).toBe(10);
    const creates = (await auditEvents(db, f.tenant.id)).filter((e) => e.action === "artist.create");
    expect(creates).toHaveLength(10);
  });
});
