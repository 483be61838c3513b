import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { newId } from "../../ids";
import { createTestDatabase, type TestDatabase } from "../../testing/db";
import { type Database, openDatabase, readTenant, type TenantTx, withTenant } from "../client";
import { roleUrl } from "../connect";
import { tenants, users } from "../schema/index";
import { type RoundTripCounter, startRoundTripCounter } from "./round-trips";

/**
 * The one-round-trip path of withTenant/readTenant (a statement handed back unexecuted, COMMIT
 * pipelined behind it) must keep every isolation property of the ordinary path. The pool here has
 * ONE connection, so "the next statement" always runs on the connection the transaction used.
 */
let t: TestDatabase;
let relay: RoundTripCounter;
let one: Database;
const a = newId("tenant");
const b = newId("tenant");
const aUser = newId("user");
const bUser = newId("user");

beforeAll(async () => {
  t = await createTestDatabase();
  await t.owner.db.insert(tenants).values([
    { id: a, slug: "alpha", name: "Alpha" },
    { id: b, slug: "beta", name: "Beta" },
  ]);
  await t.owner.db.insert(users).values([
    { id: aUser, tenantId: a, email: "a@x.test" },
    { id: bUser, tenantId: b, email: "b@x.test" },
  ]);
  relay = await startRoundTripCounter(t.ownerUrl);
  one = openDatabase(relay.url(roleUrl(t.ownerUrl, "mw_control", inject("testDb").rolePassword)), { max: 1 });
});
afterAll(async () => {
  await one.close();
  await relay.close();
  await t.drop();
});

/** What the next statements on the (only) pooled connection see. */
async function nextStatementsOnTheConnection(db: Database = one) {
  const [row] = await db.sql<{ tenant: string; users: number; started: string }[]>`
    select coalesce(current_setting('app.tenant_id', true), '') as tenant,
           (select count(*)::int from users) as users, now()::text as started`;
  const [again] = await db.sql<{ started: string }[]>`select now()::text as started`;
  // now() is the transaction's start: two statements in a transaction left open would share it.
  return { tenant: row?.tenant, users: row?.users, ownTransactions: row?.started !== again?.started };
}

const CLEAN = { tenant: "", users: 0, ownTransactions: true };

/** The message of what `run()` fails with (drizzle wraps driver errors: their cause says why). */
async function failureOf(run: (() => PromiseLike<unknown>) | undefined): Promise<string> {
  try {
    await run?.();
    return "did not fail";
  } catch (err) {
    const e = err as Error & { cause?: Error };
    return `${e.message} / ${e.cause?.message ?? ""}`;
  }
}

const pointSelect = (id: string) => (tx: TenantTx) => tx.select().from(users).where(eq(users.id, id));

async function roundTrips<T>(work: () => Promise<T>): Promise<{ result: T; trips: number }> {
  await work(); // first use of a statement on a connection costs postgres.js a Describe
  relay.reset();
  const result = await work();
  return { result, trips: relay.count };
}

beforeEach(async () => {
  await one.sql`select 1`; // the connection is open before anything is counted
});

describe("one round trip for one statement", () => {
  it("withTenant: a statement handed back unexecuted costs one round trip, COMMIT included", async () => {
    const { result, trips } = await roundTrips(() => withTenant(one, a, pointSelect(aUser)));
    expect(result.map((u) => u.email)).toEqual(["a@x.test"]);
    expect(trips).toBe(1);
  });

  it("readTenant: the same, read-only", async () => {
    const { result, trips } = await roundTrips(() => readTenant(one, a, pointSelect(aUser)));
    expect(result.map((u) => u.email)).toEqual(["a@x.test"]);
    expect(trips).toBe(1);
  });

  it("an async fn is an ordinary transaction: COMMIT goes after it resolves", async () => {
    const { result, trips } = await roundTrips(() =>
      withTenant(one, a, async (tx) => {
        const [u] = await tx.select().from(users).where(eq(users.id, aUser));
        return u?.email;
      }),
    );
    expect(result).toBe("a@x.test");
    expect(trips).toBe(2);
  });
});

describe("isolation on the one-round-trip path", () => {
  it("another tenant's rows are invisible", async () => {
    expect(await withTenant(one, a, pointSelect(bUser))).toEqual([]);
    expect(await readTenant(one, a, pointSelect(bUser))).toEqual([]);
    const all = await readTenant(one, b, (tx) => tx.select({ id: users.id }).from(users));
    expect(all).toEqual([{ id: bUser }]);
  });

  it("a tenant with no rows sees zero rows", async () => {
    const nobody = newId("tenant");
    expect(await withTenant(one, nobody, (tx) => tx.select().from(users))).toEqual([]);
    expect(await readTenant(one, nobody, (tx) => tx.select().from(users))).toEqual([]);
  });

  it("a write commits, and a write into another tenant is refused with nothing written", async () => {
    const id = newId("user");
    await withTenant(one, a, (tx) => tx.insert(users).values({ id, tenantId: a, email: "new@x.test" }));
    expect(await readTenant(one, a, pointSelect(id))).toHaveLength(1);
    expect(await readTenant(one, b, pointSelect(id))).toEqual([]);

    const intruder = newId("user");
    await expect(
      withTenant(one, a, (tx) => tx.insert(users).values({ id: intruder, tenantId: b, email: "x@x.test" })),
    ).rejects.toThrow();
    expect(await t.owner.db.select().from(users).where(eq(users.id, intruder))).toEqual([]);
  });

  it("the tenant setting does not reach the next statement on the connection", async () => {
    await withTenant(one, a, pointSelect(aUser));
    expect(await nextStatementsOnTheConnection()).toEqual(CLEAN);
    await readTenant(one, a, pointSelect(aUser));
    expect(await nextStatementsOnTheConnection()).toEqual(CLEAN);
  });

  it("nor after a failed statement: the transaction is rolled back, the connection clean", async () => {
    const dup = withTenant(one, a, (tx) => tx.insert(users).values({ id: aUser, tenantId: a, email: "dup@x.test" }));
    await expect(dup).rejects.toThrow();
    expect(await nextStatementsOnTheConnection()).toEqual(CLEAN);
    const broken = readTenant(one, a, (tx) => tx.execute(sql`select 1 / 0`));
    await expect(broken).rejects.toThrow();
    expect(await nextStatementsOnTheConnection()).toEqual(CLEAN);
  });

  it("a statement the driver re-runs behind the pipelined COMMIT fails the call, never returns the re-run's rows", async () => {
    // postgres.js re-prepares and re-sends a statement the server lost; in the one-round-trip path
    // that re-run lands after COMMIT, outside the transaction and without the tenant (zero rows).
    // Its own one-connection pool: DEALLOCATE ALL leaves every statement postgres.js prepared stale.
    const own = openDatabase(relay.url(roleUrl(t.ownerUrl, "mw_control", inject("testDb").rolePassword)), { max: 1 });
    try {
      for (const run of [() => withTenant(own, a, pointSelect(aUser)), () => readTenant(own, a, pointSelect(aUser))]) {
        await run();
        await own.sql.unsafe("deallocate all", [], { prepare: false });
        expect(await failureOf(run)).toMatch(/prepared statement "\w+" does not exist/);
        expect(await nextStatementsOnTheConnection(own)).toEqual(CLEAN);
        expect(await run()).toHaveLength(1);
      }
    } finally {
      await own.close();
    }
  });

  it("readTenant refuses writes (Postgres enforces READ ONLY) and writes nothing", async () => {
    const id = newId("user");
    const write = readTenant(one, a, (tx) => tx.insert(users).values({ id, tenantId: a, email: "ro@x.test" }));
    await expect(write).rejects.toMatchObject({ cause: { code: "25006" } });
    expect(await t.owner.db.select().from(users).where(eq(users.id, id))).toEqual([]);
    const update = readTenant(one, a, (tx) => tx.update(users).set({ name: "ro" }).where(eq(users.id, aUser)));
    await expect(update).rejects.toMatchObject({ cause: { code: "25006" } });
  });

  it("a statement issued through tx after the transaction ended is refused, not run without it", async () => {
    let later: (() => PromiseLike<unknown>) | undefined;
    await withTenant(one, a, (tx) => {
      later = () => tx.select().from(users);
      return tx.select().from(users).where(eq(users.id, aUser));
    });
    expect(await failureOf(later)).toMatch(/after the transaction ended/);
    let laterAsync: (() => PromiseLike<unknown>) | undefined;
    await withTenant(one, a, async (tx) => {
      laterAsync = () => tx.select().from(users);
      return tx.select().from(users);
    });
    expect(await failureOf(laterAsync)).toMatch(/after the transaction ended/);
  });

  it("multi-statement reads run in one read-only transaction with the tenant", async () => {
    const seen = await readTenant(one, a, async (tx) => {
      const rows = await tx.select({ tenantId: users.tenantId }).from(users);
      const [s] = await tx.execute<{ tenant: string; ro: string }>(
        sql`select current_setting('app.tenant_id', true) as tenant, current_setting('transaction_read_only') as ro`,
      );
      return { tenants: [...new Set(rows.map((r) => r.tenantId))], tenant: s?.tenant, ro: s?.ro };
    });
    expect(seen).toEqual({ tenants: [a], tenant: a, ro: "on" });
    expect(await nextStatementsOnTheConnection()).toEqual(CLEAN);
  });
});
