import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ValidationError } from "../../errors";
import { asProductUser, countRows } from "../../plans/__tests__/product-ctx";
import { createTestDatabase, type TestDatabase } from "../../testing/db";
import { auditEvents, createTenantFixture } from "../../testing/fixtures";
import { createEvent } from "../create";
import { getEventOrThrow } from "../list";
import { updateEvent } from "../update";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

const stored = async (id: string) => {
  const [row] = await db.owner.sql<{ starts_at: Date | string; time_zone: string }[]>`
    select starts_at, time_zone from events where id = ${id}`;
  return { startsAt: row && new Date(row.starts_at).toISOString(), timeZone: row?.time_zone };
};

async function proCtx() {
  const f = await createTenantFixture(db, { plan: "pro" });
  return { f, ctx: await asProductUser(db, f.tenant, f.owner.userId) };
}

describe("events keep their time zone", () => {
  it("stores a wall time entered in Oslo as its instant, and the zone with it (winter and summer)", async () => {
    const { ctx } = await proCtx();
    const winter = await createEvent({
      ctx,
      input: { title: "Winter", startsAt: "2031-01-15T21:30", timeZone: "Europe/Oslo" },
    });
    expect(await stored(winter.id)).toEqual({ startsAt: "2031-01-15T20:30:00.000Z", timeZone: "Europe/Oslo" });
    const summer = await createEvent({
      ctx,
      input: { title: "Summer", startsAt: "2031-07-15T21:30", timeZone: "europe/oslo" },
    });
    expect(await stored(summer.id)).toEqual({ startsAt: "2031-07-15T19:30:00.000Z", timeZone: "Europe/Oslo" });
    const read = await getEventOrThrow({ ctx, input: { eventId: summer.id } });
    expect(read.timeZone).toBe("Europe/Oslo");
    const audit = (await auditEvents(db, ctx.tenant.id)).at(-1) as { after: { timeZone?: string } };
    expect(audit.after.timeZone).toBe("Europe/Oslo");
  });

  it("an instant with an offset keeps UTC unless a zone is named; rows from before the column are UTC", async () => {
    const { f, ctx } = await proCtx();
    const plain = await createEvent({ ctx, input: { title: "Plain", startsAt: "2031-05-01T20:00:00+02:00" } });
    expect(await stored(plain.id)).toEqual({ startsAt: "2031-05-01T18:00:00.000Z", timeZone: "UTC" });
    const named = await createEvent({
      ctx,
      input: { title: "Named", startsAt: "2031-05-01T20:00:00+02:00", timeZone: "Europe/Oslo" },
    });
    expect(await stored(named.id)).toEqual({ startsAt: "2031-05-01T18:00:00.000Z", timeZone: "Europe/Oslo" });
    const [legacy] = await db.owner.sql`
      insert into events (id, tenant_id, owner_id, title, starts_at)
      values ('evt_legacy0000000000000000000', ${f.tenant.id}, ${f.owner.userId}, 'Legacy', now() + interval '1 day')
      returning time_zone`;
    expect(legacy?.time_zone).toBe("UTC");
  });

  it("refuses a zone it does not know and a wall time the clocks skip, writing nothing", async () => {
    const { ctx } = await proCtx();
    const before = await countRows(db, "events", ctx.tenant.id);
    for (const timeZone of ["Mars/Olympus_Mons", "+01:00", "CEST-ish"]) {
      await expect(
        createEvent({ ctx, input: { title: "X", startsAt: "2031-01-15T21:30", timeZone } }),
      ).rejects.toMatchObject({ fields: { timeZone: ["timeZone must be a time zone such as Europe/Oslo or UTC"] } });
    }
    // Oslo goes from 02:00 to 03:00 on 30 March 2031.
    const gap = await createEvent({
      ctx,
      input: { title: "X", startsAt: "2031-03-30T02:30", timeZone: "Europe/Oslo" },
    }).catch((e) => e);
    expect(gap).toBeInstanceOf(ValidationError);
    expect(gap.fields.startsAt[0]).toContain("2031-03-30 02:30 does not exist in Europe/Oslo");
    await expect(
      createEvent({ ctx, input: { title: "X", startsAt: "2031-02-30T20:00", timeZone: "Europe/Oslo" } }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(await countRows(db, "events", ctx.tenant.id)).toBe(before);
  });

  it("a wall time that happens twice (clocks going back) is its first occurrence", async () => {
    const { ctx } = await proCtx();
    // Oslo goes back from 03:00 CEST to 02:00 CET on 26 October 2031.
    const e = await createEvent({
      ctx,
      input: { title: "Twice", startsAt: "2031-10-26T02:30", timeZone: "Europe/Oslo" },
    });
    expect(await stored(e.id)).toEqual({ startsAt: "2031-10-26T00:30:00.000Z", timeZone: "Europe/Oslo" });
  });

  it("on update, a wall time is read in the new zone, or in the event's own", async () => {
    const { ctx } = await proCtx();
    const e = await createEvent({
      ctx,
      input: { title: "Tour", startsAt: "2031-01-15T21:30", timeZone: "Europe/Oslo" },
    });
    await updateEvent({ ctx, input: { eventId: e.id, startsAt: "2031-01-15T22:00" } });
    expect(await stored(e.id)).toEqual({ startsAt: "2031-01-15T21:00:00.000Z", timeZone: "Europe/Oslo" });
    await updateEvent({
      ctx,
      input: { eventId: e.id, startsAt: "2031-01-15T21:30", timeZone: "America/New_York" },
    });
    expect(await stored(e.id)).toEqual({ startsAt: "2031-01-16T02:30:00.000Z", timeZone: "America/New_York" });
    await expect(updateEvent({ ctx, input: { eventId: e.id, timeZone: "Nowhere" } })).rejects.toMatchObject({
      fields: { timeZone: ["timeZone must be a time zone such as Europe/Oslo or UTC"] },
    });
  });
});
