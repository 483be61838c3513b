import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "../../db/client";
import { sessions } from "../../db/schema/index";
import { createTestDatabase, type TestDatabase } from "../../testing/db";
import { createTenantFixture } from "../../testing/fixtures";
import { createSession } from "../create-session";
import { getSession } from "../get-session";
import { LAST_SEEN_INTERVAL_MINUTES, touchSession } from "../touch";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

async function openSession() {
  const f = await createTenantFixture(db);
  const s = await withTenant(db.runtime, f.tenant.id, (tx) =>
    createSession(tx, { userId: f.owner.userId, membershipId: f.owner.membershipId, kind: "site", method: "password" }),
  );
  return { f, ...s };
}

/** Sets last_seen_at `minutesAgo` in the past, as the owner (the test reaches around the app). */
async function ageSession(id: string, minutesAgo: number) {
  await db.owner.db
    .update(sessions)
    .set({ lastSeenAt: sql`now() - make_interval(mins => ${minutesAgo})` })
    .where(eq(sessions.id, id));
}

async function lastSeen(tenantId: string, id: string): Promise<Date> {
  const [row] = await db.owner.db
    .select({ at: sessions.lastSeenAt })
    .from(sessions)
    .where(and(eq(sessions.tenantId, tenantId), eq(sessions.id, id)));
  if (!row) throw new Error("no session row");
  return row.at;
}

describe("sessions.last_seen_at", () => {
  it("is refreshed by a request once it is older than the interval", async () => {
    const { f, token, sessionId } = await openSession();
    await ageSession(sessionId, LAST_SEEN_INTERVAL_MINUTES + 1);
    const before = await lastSeen(f.tenant.id, sessionId);
    expect(Date.now() - before.getTime()).toBeGreaterThan(LAST_SEEN_INTERVAL_MINUTES * 60_000);

    expect(await getSession(db.runtime, f.tenant.id, token, "site")).not.toBeNull();
    const after = await lastSeen(f.tenant.id, sessionId);
    expect(Date.now() - after.getTime()).toBeLessThan(60_000);
  });

  it("is not written again within the interval (the hot path stays a read)", async () => {
    const { f, token, sessionId } = await openSession();
    await ageSession(sessionId, 2);
    const before = await lastSeen(f.tenant.id, sessionId);
    for (let i = 0; i < 3; i++) expect(await getSession(db.runtime, f.tenant.id, token, "site")).not.toBeNull();
    expect((await lastSeen(f.tenant.id, sessionId)).getTime()).toBe(before.getTime());
  });

  it("writes at most once when several requests find it due at the same time", async () => {
    const { f, sessionId } = await openSession();
    await ageSession(sessionId, LAST_SEEN_INTERVAL_MINUTES + 3);
    const written = await Promise.all([1, 2, 3, 4].map(() => touchSession(db.runtime, f.tenant.id, sessionId)));
    expect(written.filter(Boolean)).toHaveLength(1);
  });

  it("cannot touch another tenant's session", async () => {
    const { f, sessionId } = await openSession();
    const other = await createTenantFixture(db);
    await ageSession(sessionId, LAST_SEEN_INTERVAL_MINUTES + 1);
    const before = await lastSeen(f.tenant.id, sessionId);
    expect(await touchSession(db.runtime, other.tenant.id, sessionId)).toBe(false);
    expect((await lastSeen(f.tenant.id, sessionId)).getTime()).toBe(before.getTime());
  });
});
