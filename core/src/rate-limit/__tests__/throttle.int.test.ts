import { randomInt } from "node:crypto";
import { and, eq } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { securityEvents, users } from "../../db/schema/index";
import { env } from "../../env";
import { ServiceUnavailableError, TooManyAttemptsError, UnauthenticatedError } from "../../errors";
import { newId } from "../../ids";
import { computeEntitlements } from "../../plans/catalog";
import type { AuthCtx } from "../../sessions/context";
import { consumeMagicLink } from "../../sessions/magic-link";
import { hashPassword } from "../../sessions/password";
import { signInWithPassword } from "../../sessions/sign-in";
import { signInStaff, upsertStaffUser } from "../../staff/auth";
import { createTestDatabase, type TestDatabase } from "../../testing/db";
import { addMember, auditEvents, createTenantFixture, staffCtx, type TenantFixture } from "../../testing/fixtures";
import { listSecurityEvents, unlockSignIn } from "../events";
import { authThrottle } from "../instance";
import type { PathPolicy } from "../policy";
import { connectRedis, type LimiterStore, memoryStore, postgresStore, redisStore } from "../store";
import { AuthThrottle, type LockEvent } from "../throttle";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

const PASSWORD = "the right password";
// A fresh documentation-range address per test, so address buckets never spill between tests.
const freshIp = () => `198.51.${randomInt(0, 255)}.${randomInt(1, 254)}`;

const ctxOf = (f: TenantFixture, ip: string | null): AuthCtx => ({
  tenant: f.tenant,
  database: db.runtime,
  entitlements: computeEntitlements("pro"),
  requestId: newId("request"),
  ip,
  userAgent: "vitest",
});

async function memberWithPassword(f: TenantFixture, email: string) {
  const m = await addMember(db, f.tenant, ["member"], email);
  await db.owner.db
    .update(users)
    .set({ passwordHash: await hashPassword(PASSWORD) })
    .where(and(eq(users.tenantId, f.tenant.id), eq(users.id, m.userId)));
  return m;
}

const signIn = (f: TenantFixture, ip: string | null, email: string, password: string) =>
  signInWithPassword({ ctx: ctxOf(f, ip), input: { email, password } }).catch((e: unknown) => e);

describe("password sign-in throttle (tenant site and console)", () => {
  it("locks an account after 5 wrong passwords, says how long, and refuses the right one meanwhile", async () => {
    const f = await createTenantFixture(db);
    await memberWithPassword(f, "fan@example.com");
    const ip = freshIp();
    for (let i = 0; i < 4; i++) {
      expect(await signIn(f, ip, "fan@example.com", `wrong ${i}`)).toBeInstanceOf(UnauthenticatedError);
    }
    const fifth = await signIn(f, ip, "fan@example.com", "wrong 5");
    expect(fifth).toBeInstanceOf(TooManyAttemptsError);
    expect((fifth as TooManyAttemptsError).message).toBe("Too many attempts. Try again in 1 minute.");
    expect((fifth as TooManyAttemptsError).retryAfterSeconds).toBe(60);
    // The right password from another address changes nothing: the account is locked.
    const right = await signIn(f, freshIp(), "FAN@example.com", PASSWORD);
    expect(right).toBeInstanceOf(TooManyAttemptsError);
    expect((right as TooManyAttemptsError).retryAfterSeconds).toBeGreaterThan(55);
    expect((right as TooManyAttemptsError).retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it("forgets the account's failures after a successful sign-in", async () => {
    const f = await createTenantFixture(db);
    await memberWithPassword(f, "typo@example.com");
    const ip = freshIp();
    for (let i = 0; i < 4; i++) await signIn(f, ip, "typo@example.com", `wrong ${i}`);
    expect(await signIn(f, ip, "typo@example.com", PASSWORD)).toMatchObject({ token: expect.any(String) });
    // Four more mistakes are again within the allowance.
    for (let i = 0; i < 4; i++) {
      expect(await signIn(f, ip, "typo@example.com", `again ${i}`)).toBeInstanceOf(UnauthenticatedError);
    }
  });

  it("locks a client address that tries many accounts (password spraying), not other addresses", async () => {
    const f = await createTenantFixture(db);
    await memberWithPassword(f, "victim@example.com");
    const ip = freshIp();
    const results = [];
    for (let i = 0; i < 20; i++) results.push(await signIn(f, ip, `user${i}@example.com`, "Winter2026!"));
    expect(results.slice(0, 19).every((r) => r instanceof UnauthenticatedError)).toBe(true);
    expect(results[19]).toBeInstanceOf(TooManyAttemptsError);
    expect((results[19] as TooManyAttemptsError).retryAfterSeconds).toBe(300);
    // The same address is now refused even for an account it never tried, with the right password.
    expect(await signIn(f, ip, "victim@example.com", PASSWORD)).toBeInstanceOf(TooManyAttemptsError);
    // Someone else is not affected.
    expect(await signIn(f, freshIp(), "victim@example.com", PASSWORD)).toMatchObject({ token: expect.any(String) });
  });

  it("lets a burst of 30 parallel wrong passwords check at most 6 of them", async () => {
    const f = await createTenantFixture(db);
    await memberWithPassword(f, "burst@example.com");
    const ip = freshIp();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => signIn(f, ip, "burst@example.com", `guess ${i}`)),
    );
    const wrong = results.filter((r) => r instanceof UnauthenticatedError).length;
    const refused = results.filter((r) => r instanceof TooManyAttemptsError).length;
    expect(wrong + refused).toBe(30);
    expect(wrong).toBeLessThanOrEqual(5);
    expect(refused).toBeGreaterThanOrEqual(25);
    expect(await signIn(f, ip, "burst@example.com", PASSWORD)).toBeInstanceOf(TooManyAttemptsError);
  });

  it("treats unknown addresses as one bucket, five times as lenient", async () => {
    const f = await createTenantFixture(db);
    const results = [];
    for (let i = 0; i < 100; i++) results.push(await signIn(f, null, `nobody${i}@example.com`, "x"));
    expect(results.slice(0, 99).every((r) => r instanceof UnauthenticatedError)).toBe(true);
    expect(results[99]).toBeInstanceOf(TooManyAttemptsError);
  });

  it("records the lock in the tenant's audit chain and for staff, who can lift it", async () => {
    const f = await createTenantFixture(db);
    await memberWithPassword(f, "locked@example.com");
    const ip = freshIp();
    for (let i = 0; i < 5; i++) await signIn(f, ip, "locked@example.com", `wrong ${i}`);
    const lock = (await auditEvents(db, f.tenant.id)).at(-1);
    expect(lock).toMatchObject({
      action: "auth.lock",
      actor_type: "system",
      target_id: "locked@example.com",
      after: { path: "tenant.password", attempts: 5, lockedForSeconds: 60 },
    });

    const staff = staffCtx(db.control);
    const events = await listSecurityEvents({ ctx: staff, input: { tenantId: f.tenant.id, activeOnly: true } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ subject: "locked@example.com", scope: "account", active: true, attempts: 5 });
    expect(events[0]?.limiterKey).not.toContain("locked@example.com");

    // Support may look but not lift.
    await expect(
      unlockSignIn({
        ctx: staffCtx(db.control, ["support"]),
        input: { eventId: events[0]?.id ?? "" },
        unlock: (k) => authThrottle(db.control).unlock(k),
      }),
    ).rejects.toThrow(/platform.security.unlock/);
    await unlockSignIn({
      ctx: staff,
      input: { eventId: events[0]?.id ?? "" },
      unlock: (k) => authThrottle(db.control).unlock(k),
    });
    expect(await signIn(f, ip, "locked@example.com", PASSWORD)).toMatchObject({ token: expect.any(String) });
    const after = await listSecurityEvents({ ctx: staff, input: { tenantId: f.tenant.id } });
    expect(after.map((e) => [e.kind, e.active])).toEqual([
      ["auth.unlock", false],
      ["auth.lock", false],
    ]);
    const chain = await auditEvents(db, f.tenant.id);
    expect(chain.map((e) => e.action)).toContain("auth.unlock");
  });

  it("the runtime may record locks but not read them", async () => {
    await expect(db.runtime.db.select().from(securityEvents)).rejects.toMatchObject({ cause: { code: "42501" } });
  });
});

describe("sign-in links", () => {
  it("counts bad links against the address and locks it", async () => {
    const f = await createTenantFixture(db);
    const ip = freshIp();
    const results = [];
    for (let i = 0; i < 21; i++) {
      results.push(
        await consumeMagicLink({ ctx: ctxOf(f, ip), input: { token: `not-a-real-token-${i}-padding` } }).catch(
          (e: unknown) => e,
        ),
      );
    }
    expect(results.slice(0, 19).every((r) => r instanceof UnauthenticatedError)).toBe(true);
    expect(results[19]).toBeInstanceOf(TooManyAttemptsError);
    expect(results[20]).toBeInstanceOf(TooManyAttemptsError);
  });
});

describe("staff sign-in throttle", () => {
  it("locks a staff account after 5 wrong passwords and refuses the right one", async () => {
    await upsertStaffUser(db.control, {
      email: "ops@musicalwheel.test",
      name: "Ops",
      password: PASSWORD,
      roles: ["support"],
    });
    const ip = freshIp();
    const attempt = (password: string) =>
      signInStaff({ database: db.control, input: { email: "ops@musicalwheel.test", password }, meta: { ip } }).catch(
        (e: unknown) => e,
      );
    for (let i = 0; i < 4; i++) expect(await attempt(`wrong ${i}`)).toBeInstanceOf(UnauthenticatedError);
    expect(await attempt("wrong 5")).toBeInstanceOf(TooManyAttemptsError);
    expect(await attempt(PASSWORD)).toBeInstanceOf(TooManyAttemptsError);
    const [event] = await db.owner.db.select().from(securityEvents).where(eq(securityEvents.path, "staff.password"));
    expect(event).toMatchObject({ kind: "auth.lock", forTenantId: null, subject: "ops@musicalwheel.test" });
  });
});

// A policy with one-second locks, so growth and expiry can be watched in real time.
const FAST: PathPolicy = {
  path: "test.fast",
  account: { lockAfter: 2, baseLockSeconds: 1, maxLockSeconds: 4, windowSeconds: 60, onSuccess: "reset" },
  client: { lockAfter: 100, baseLockSeconds: 1, maxLockSeconds: 4, windowSeconds: 60, onSuccess: "refund" },
  counters: { account: "fast", client: "fast-ip" },
  onStoreFailure: "local",
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function exerciseBackoff(store: LimiterStore) {
  const events: LockEvent[] = [];
  const throttle = new AuthThrottle(store, async (e) => {
    events.push(e);
  });
  const subject = { accountKey: `acct:test:${newId("user")}`, ip: freshIp() };
  const fail = async () => (await throttle.begin(FAST, subject)).fail();
  expect(await fail()).toBe(0);
  expect(await fail()).toBe(1); // second failure: 1 s
  await expect(throttle.begin(FAST, subject)).rejects.toBeInstanceOf(TooManyAttemptsError);
  await sleep(1100);
  expect(await fail()).toBe(2); // one more try after the lock, then twice as long
  await sleep(2100);
  expect(await fail()).toBe(4);
  expect(events.map((e) => e.seconds)).toEqual([1, 2, 4]);
  await sleep(4100);
  await (await throttle.begin(FAST, subject)).succeed();
  expect(await fail()).toBe(0); // success reset the series
}

describe("stores", () => {
  it("Postgres: locks grow with each failure after one, and success resets", async () => {
    await exerciseBackoff(postgresStore(db.runtime));
  }, 20_000);

  // Redis is optional: the default configuration must not need it. Run with REDIS_URL set to try it.
  it.skipIf(!env.REDIS_URL)(
    "Redis: the same behaviour",
    async () => {
      const client = connectRedis(env.REDIS_URL ?? "");
      try {
        await exerciseBackoff(redisStore(client));
      } finally {
        client.disconnect();
      }
    },
    20_000,
  );

  it("an unreachable store: tenant paths keep limiting in memory, staff sign-in refuses", async () => {
    // A pool that has been shut down: every query fails at once, as when the database is gone.
    const sql = postgres(db.ownerUrl, { max: 1 });
    await sql.end();
    const dead = { sql, db: null as never, prepare: true, health: null, close: () => sql.end() };
    try {
      const throttle = new AuthThrottle(postgresStore(dead), async () => {}, memoryStore());
      const subject = { accountKey: `acct:test:${newId("user")}`, ip: freshIp() };
      const policy = { ...FAST, account: { ...FAST.account, baseLockSeconds: 30, maxLockSeconds: 60 } } as PathPolicy;
      await (await throttle.begin(policy, subject)).fail();
      expect(await (await throttle.begin(policy, subject)).fail()).toBe(30);
      await expect(throttle.begin(policy, subject)).rejects.toBeInstanceOf(TooManyAttemptsError);
      await expect(throttle.begin({ ...policy, onStoreFailure: "closed" }, subject)).rejects.toBeInstanceOf(
        ServiceUnavailableError,
      );
    } finally {
      await dead.close();
    }
  });
});
