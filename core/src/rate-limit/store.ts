import Redis from "ioredis";
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRedis,
  RateLimiterRes,
} from "rate-limiter-flexible";
import type { Database } from "../db/client";
import { env } from "../env";
import { log } from "../observability/log";

/**
 * What the throttle needs from a store: atomic counters with a window, and locks with a duration.
 * Every method may reject when the store is unreachable; the throttle decides what that means.
 */
export interface LimiterStore {
  readonly kind: "postgres" | "redis" | "memory";
  /** Adds one to the counter and returns the new count (a window starts at the first count). */
  count(counter: string, key: string, windowSeconds: number): Promise<number>;
  /** Takes one back (an attempt that turned out fine). */
  refund(counter: string, key: string, windowSeconds: number): Promise<void>;
  reset(counter: string, key: string): Promise<void>;
  /** Milliseconds the key stays locked; 0 when it is not. */
  lockedFor(counter: string, key: string): Promise<number>;
  lock(counter: string, key: string, seconds: number): Promise<void>;
  /**
   * Takes the key's gate for `seconds` if nobody holds it (atomically); a second taker is refused
   * and from then on the key reads as locked until the gate's time is up or it is unlocked.
   */
  gate(counter: string, key: string, seconds: number): Promise<{ ok: boolean; msBeforeNext: number }>;
  unlock(counter: string, key: string): Promise<void>;
}

// Counters never "run out" in the library's sense: the throttle reads the count and decides.
const COUNTER_POINTS = 1_000_000;
export const RATE_LIMIT_TABLE = "auth_rate_limits";

type Factory = (opts: { keyPrefix: string; points: number; duration: number }) => RateLimiterAbstract;

/** `rate-limiter-flexible` limiters, one per counter name and window, created on first use. */
function libraryStore(kind: LimiterStore["kind"], make: Factory): LimiterStore {
  const limiters = new Map<string, RateLimiterAbstract>();
  const counterOf = (counter: string, windowSeconds: number) => {
    const id = `c:${counter}:${windowSeconds}`;
    let l = limiters.get(id);
    if (!l) {
      l = make({ keyPrefix: `c:${counter}`, points: COUNTER_POINTS, duration: windowSeconds });
      limiters.set(id, l);
    }
    return l;
  };
  const lockOf = (counter: string) => {
    const id = `l:${counter}`;
    let l = limiters.get(id);
    if (!l) {
      // One point: `block()` stores points + 1, so a stored row means "locked until expire".
      l = make({ keyPrefix: `l:${counter}`, points: 1, duration: 1 });
      limiters.set(id, l);
    }
    return l;
  };
  return {
    kind,
    async count(counter, key, windowSeconds) {
      const res = await rethrowStoreErrors(counterOf(counter, windowSeconds).consume(key, 1));
      return res.consumedPoints;
    },
    async refund(counter, key, windowSeconds) {
      await counterOf(counter, windowSeconds).reward(key, 1);
    },
    async reset(counter, key) {
      // The window is part of the limiter's identity, not of the stored key: any window deletes it.
      await counterOf(counter, 1).delete(key);
    },
    async lockedFor(counter, key) {
      const res = await lockOf(counter).get(key);
      return res && res.consumedPoints > 1 ? Math.max(res.msBeforeNext, 0) : 0;
    },
    async lock(counter, key, seconds) {
      await lockOf(counter).block(key, seconds);
    },
    async gate(counter, key, seconds) {
      try {
        await lockOf(counter).consume(key, 1, { customDuration: seconds });
        return { ok: true, msBeforeNext: 0 };
      } catch (err) {
        if (err instanceof RateLimiterRes) return { ok: false, msBeforeNext: Math.max(err.msBeforeNext, 1) };
        throw err;
      }
    },
    async unlock(counter, key) {
      await lockOf(counter).delete(key);
    },
  };
}

/** The library rejects with its result object when points run out; with ours that means a store fault. */
async function rethrowStoreErrors(p: Promise<RateLimiterRes>): Promise<RateLimiterRes> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof RateLimiterRes) throw new Error("rate limit counter overflowed");
    throw err;
  }
}

/**
 * The library speaks node-postgres (`query({ name, text, values })` → `{ rows, rowCount }`); this
 * adapter lets it use the app role's existing postgres.js pool instead of opening a second one.
 * `expire` is bigint, which postgres.js returns as a string: the library only subtracts from it.
 */
function pgAdapter(database: Database) {
  return {
    async query(q: { text: string; values?: unknown[] }) {
      const rows = await database.sql.unsafe(q.text, (q.values ?? []) as never[], { prepare: database.prepare });
      return {
        rows: rows.map((r) => ({ ...r, expire: r.expire === null ? null : Number(r.expire) })),
        rowCount: rows.count,
      };
    },
  };
}

export function postgresStore(database: Database): LimiterStore {
  const client = pgAdapter(database);
  // The library's sweep deletes every row expired an hour ago, whatever its prefix: one is enough.
  let sweeper = true;
  return libraryStore("postgres", (opts) => {
    const limiter = new RateLimiterPostgres({
      ...opts,
      storeClient: client,
      storeType: "client",
      tableName: RATE_LIMIT_TABLE,
      // The table comes from a migration (the app roles may not create tables).
      tableCreated: true,
      clearExpiredByTimeout: sweeper,
    });
    sweeper = false;
    return limiter;
  });
}

export function redisStore(client: Redis): LimiterStore {
  return libraryStore(
    "redis",
    (opts) => new RateLimiterRedis({ ...opts, storeClient: client, keyPrefix: `mw:${opts.keyPrefix}` }),
  );
}

export function memoryStore(): LimiterStore {
  return libraryStore("memory", (opts) => new RateLimiterMemory(opts));
}

export function connectRedis(url: string): Redis {
  // While Redis is down a call fails within a second (command timeout, one retry) and the
  // throttle's failure mode applies, instead of sign-in hanging on a queue. Commands issued while
  // the first connection is still being made wait for it rather than failing.
  const client = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: 1000, connectTimeout: 2000 });
  client.on("error", (err) => log.error({ err: err.message }, "rate-limit redis error"));
  return client;
}

const g = globalThis as unknown as { __mwLimiterStores?: WeakMap<Database, LimiterStore>; __mwRedis?: Redis };

/**
 * The process's store: Redis when `REDIS_URL` is set (one client per process), otherwise the
 * platform's Postgres through the caller's pool. Both app roles see the same rows, so the tenant
 * site and the console share one budget per account.
 */
export function defaultLimiterStore(database: Database): LimiterStore {
  g.__mwLimiterStores ??= new WeakMap();
  let store = g.__mwLimiterStores.get(database);
  if (!store) {
    if (env.REDIS_URL) {
      g.__mwRedis ??= connectRedis(env.REDIS_URL);
      store = redisStore(g.__mwRedis);
    } else {
      store = postgresStore(database);
    }
    g.__mwLimiterStores.set(database, store);
  }
  return store;
}
