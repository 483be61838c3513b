import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../testing/net";
import { isDatabaseUnreachable } from "../availability";
import { type Database, openDatabase } from "../client";
import { type EmbeddedHandle, startEmbeddedPostgres } from "../embedded";

/**
 * Issue 8.5, against a Postgres of this test's own (never the run's shared one, never 5432): while
 * it is stopped, the gate says so at once and queries fail within the connect timeout; once it is
 * back, the same pool serves again within a second or two — before, postgres.js's shared backoff
 * had grown to up to 20 s during the outage and requests waited that long for the next attempt.
 */
const DATA_DIR = `.data/pg-outage-${process.pid}`;
let port: number;
let pg: EmbeddedHandle | null = null;
let database: Database;

const start = async () => {
  pg = await startEmbeddedPostgres({ dataDir: DATA_DIR, preferredPort: port, profile: "test" });
  expect(pg.port).toBe(port);
};
const stop = async () => {
  await pg?.stop();
  pg = null;
};

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value?: T; error?: unknown }> {
  const t0 = performance.now();
  try {
    const value = await fn();
    return { ms: performance.now() - t0, value };
  } catch (error) {
    return { ms: performance.now() - t0, error };
  }
}

beforeAll(async () => {
  port = await freePort();
  await start();
  database = openDatabase(pg?.url ?? "", { max: 4, health: { probeIntervalMs: 200, probeTimeoutMs: 1_000 } });
}, 120_000);

afterAll(async () => {
  await database?.close();
  await stop();
  await rm(DATA_DIR, { recursive: true, force: true });
  await rm(`${DATA_DIR}.json`, { force: true });
  await rm(`${DATA_DIR}.log`, { force: true });
});

describe("a database outage", () => {
  it("is seen at once, fails queries fast, and the same pool recovers after the restart", async () => {
    const health = database.health;
    if (!health) throw new Error("the pool was opened with health");
    expect(await health.check()).toBe(true);
    expect(await database.sql`select 1 as one`).toEqual([{ one: 1 }]);

    await stop();
    // The sentinel connection closes with the server: no request has to fail first.
    await expect.poll(() => health.available, { timeout: 2_000, interval: 20 }).toBe(false);
    const gate = await timed(() => health.ready());
    expect(gate.value).toBe(false);
    expect(gate.ms).toBeLessThan(100);

    // Requests keep coming for a few seconds (this is what grew postgres.js's backoff to 20 s).
    const until = Date.now() + 4_000;
    while (Date.now() < until) {
      const results = await Promise.all(Array.from({ length: 8 }, () => timed(() => database.sql`select 1`.execute())));
      for (const r of results) {
        expect(r.error, "a query during the outage fails").toBeDefined();
        expect(isDatabaseUnreachable(r.error)).toBe(true);
        expect(r.ms).toBeLessThan(3_000);
      }
    }

    await start();
    // A request arriving right after the restart is served promptly by the same pool.
    const first = await timed(() => database.sql`select 2 as two`);
    expect(first.error).toBeUndefined();
    expect(first.value).toEqual([{ two: 2 }]);
    expect(first.ms).toBeLessThan(2_500);
    await expect.poll(() => health.ready(), { timeout: 3_000, interval: 100 }).toBe(true);
    expect(health.available).toBe(true);
  }, 60_000);

  it("classifies connection failures, not statement errors, as the database being away", async () => {
    const err = await database.sql`select * from no_such_table`.execute().catch((e: unknown) => e);
    expect(isDatabaseUnreachable(err)).toBe(false);
    expect(database.health?.available).toBe(true);
    database.health?.noteError(err);
    expect(database.health?.available).toBe(true);
  });
});
