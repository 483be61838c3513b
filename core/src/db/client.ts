import { is, QueryPromise } from "drizzle-orm";
import { PgSelectBase } from "drizzle-orm/pg-core";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { isId } from "../ids";
import { DatabaseHealth, type DatabaseHealthOptions } from "./availability";
import * as schema from "./schema/index";

export type Schema = typeof schema;
export type Db = PostgresJsDatabase<Schema>;

/** A pool for one database role, with its drizzle instance. */
export interface Database {
  readonly sql: postgres.Sql;
  readonly db: Db;
  /**
   * Whether statements are sent as named prepared statements. Off behind a transaction pooler that
   * cannot keep them (PgBouncer before 1.21, or without `max_prepared_statements`): see docs/deploy.md.
   */
  readonly prepare: boolean;
  /** Whether the database is reachable, for the apps' 503 gate (app pools only; see availability.ts). */
  readonly health: DatabaseHealth | null;
  close(): Promise<void>;
}

/**
 * Drizzle sends every statement unnamed (`prepare: false` unless a query is given a name), so
 * Postgres parses and plans each one again; asking postgres.js to prepare them lets the server
 * reuse plans per connection (statements are keyed by their text, and drizzle's text is stable).
 */
function preparing<C extends { unsafe: postgres.Sql["unsafe"] }>(
  client: C,
  options: postgres.Sql["options"],
  prepare: boolean,
): postgres.Sql {
  const unsafe = (query: string, params?: unknown[], opts?: postgres.UnsafeQueryOptions) =>
    client.unsafe(query, params as postgres.ParameterOrJSON<never>[], { ...opts, prepare });
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === "unsafe") return unsafe;
      if (prop === "options") return options;
      return Reflect.get(target, prop, receiver);
    },
  }) as unknown as postgres.Sql;
}

export interface OpenDatabaseOptions {
  max?: number;
  applicationName?: string;
  /** Named prepared statements (default on); see `Database.prepare`. */
  prepare?: boolean;
  /** Seconds a new connection may take before its queries fail (default 3). */
  connectTimeoutSeconds?: number;
  /** Watch reachability (a sentinel connection and probes) for a 503 gate: the apps' pools. */
  health?: boolean | DatabaseHealthOptions;
}

/**
 * Seconds before a pool retries connecting after a failed attempt: growing from 0.1 s, never over
 * 1 s, jittered so that instances do not retry in step. postgres.js's default grows to 20 s and is
 * shared by the pool, so after a 12 s outage requests waited up to 13.8 s for the next attempt
 * although the database was back.
 */
export function reconnectDelaySeconds(attempt: number): number {
  return Math.min(0.1 * 2 ** attempt, 1) * (0.5 + Math.random() / 2);
}

export function openDatabase(url: string, opts: OpenDatabaseOptions = {}): Database {
  const prepare = opts.prepare ?? true;
  const sql = postgres(url, {
    max: opts.max ?? 10,
    onnotice: () => {},
    connection: { application_name: opts.applicationName ?? "musicalwheel" },
    // Idle connections are closed so that test databases can be dropped promptly.
    idle_timeout: 30,
    // postgres.js waits 30 s by default; an unreachable host must fail the request quickly.
    connect_timeout: opts.connectTimeoutSeconds ?? 3,
    backoff: reconnectDelaySeconds,
    // Also governs tagged-template queries (`sql\`…\``), which drizzle does not send.
    prepare,
  });
  const db = drizzle(preparing(sql, sql.options, prepare), { schema });
  const health = opts.health ? new DatabaseHealth(url, opts.health === true ? {} : opts.health).start() : null;
  return {
    sql,
    db,
    prepare,
    health,
    close: async () => {
      await health?.close();
      await sql.end({ timeout: 5 });
    },
  };
}

/** A reserved connection lacks the pool's `options`, which drizzle reads when it wraps a client. */
function asDrizzleClient(database: Database, conn: postgres.ReservedSql): postgres.Sql {
  return preparing(conn, database.sql.options, database.prepare);
}

/**
 * Drizzle bound to one reserved connection inside a tenant transaction. Built without the
 * relational schema so constructing it per transaction costs next to nothing.
 */
export type TenantTx = PostgresJsDatabase & { readonly tenantId: string; readonly $sql: postgres.ReservedSql };

/**
 * Run `fn` in a transaction whose `app.tenant_id` is `tenantId` (transaction-local, so a pooled
 * connection never carries it to the next user). RLS then shows only that tenant's rows.
 *
 * Round trips: BEGIN and set_config are written to the socket without waiting for their replies,
 * so they travel with the first statement of `fn` (postgres.js pipelines on a connection). When
 * `fn` hands back its one statement unexecuted — `(tx) => tx.select()…`, not an `async` function —
 * nothing can follow it, so COMMIT is written right behind it too: the whole transaction is one
 * round trip, and COMMIT's reply is still awaited (a failed commit fails the call). Any other `fn`
 * runs as a normal transaction with COMMIT after it resolves.
 */
export function withTenant<T>(database: Database, tenantId: string, fn: (tx: TenantTx) => PromiseLike<T>): Promise<T> {
  return tenantTransaction(database, tenantId, "begin", fn);
}

/**
 * `withTenant` for reads: the transaction is READ ONLY, so Postgres itself refuses any write
 * inside it. A single statement handed back unexecuted is one round trip.
 */
export function readTenant<T>(database: Database, tenantId: string, fn: (tx: TenantTx) => PromiseLike<T>): Promise<T> {
  return tenantTransaction(database, tenantId, "begin read only", fn);
}

async function tenantTransaction<T>(
  database: Database,
  tenantId: string,
  begin: "begin" | "begin read only",
  fn: (tx: TenantTx) => PromiseLike<T>,
): Promise<T> {
  if (!isId("tenant", tenantId)) throw new Error("withTenant: not a tenant id");
  const conn = await database.sql.reserve().catch((err: unknown) => {
    database.health?.noteError(err);
    throw err;
  });
  // One simple-protocol message for both. Interpolating is safe: isId() admits only [0-9a-z_].
  const setup = conn
    .unsafe(`${begin}; set local app.tenant_id = '${tenantId}'`)
    .execute()
    .then(
      () => null,
      (err: unknown) => err ?? new Error("withTenant: BEGIN failed"),
    );
  const client = new TxClient(conn, database.sql.options, database.prepare);
  try {
    const tx = Object.assign(drizzle(client.asSql()), { tenantId, $sql: conn }) as TenantTx;
    try {
      const out = fn(tx);
      // A drizzle query not yet started, with nothing issued before it: it is all of fn's work.
      if (isUnstartedQuery(out) && client.issued === 0) client.commitBehindNextStatement();
      const result = await out;
      const setupError = await setup;
      if (setupError) throw setupError;
      if (!client.commit) {
        await conn.unsafe("commit");
        return result;
      }
      // postgres.js re-runs a prepared statement the server no longer has (or whose plan changed
      // type) once it sees the error — by then behind our pipelined COMMIT, which the failure turned
      // into ROLLBACK. The re-run ran outside the transaction without the tenant (RLS: zero rows,
      // writes refused), so its result is not this transaction's: fail with the original error.
      const ended = await client.commit;
      if (ended.command !== "COMMIT") throw client.pipelinedStatementError();
      return result;
    } catch (err) {
      const setupError = await setup;
      // After a failed statement Postgres answers a pipelined COMMIT with ROLLBACK; without one
      // the transaction is still open and must be rolled back before the connection goes back.
      if (client.commit) await client.commit.catch(() => {});
      else await conn.unsafe("rollback").catch(() => {});
      database.health?.noteError(setupError ?? err);
      throw setupError ?? err;
    }
  } finally {
    client.close();
    conn.release();
  }
}

/** A drizzle query builder: it runs when awaited, so handed back unawaited it has not started. */
function isUnstartedQuery(value: unknown): boolean {
  // Selects get QueryPromise as a mixin, which `is` does not see through.
  return is(value, QueryPromise) || is(value, PgSelectBase);
}

/**
 * The driver drizzle sees inside a tenant transaction: statements prepared (unless the pool says
 * not), counted, and — once asked — the next statement followed on the wire by COMMIT, in the same
 * round trip.
 */
class TxClient {
  issued = 0;
  commit: Promise<{ command: string }> | null = null;
  private pipelined: object | null = null;
  private commitBehindNext = false;
  private closed = false;

  constructor(
    private readonly conn: postgres.ReservedSql,
    private readonly options: postgres.Sql["options"],
    private readonly prepare: boolean,
  ) {}

  /** Why the statement sent ahead of COMMIT did not count: the driver keeps its first error as `retried`. */
  pipelinedStatementError(): Error {
    const first = (this.pipelined as { retried?: unknown } | null)?.retried;
    return first instanceof Error
      ? first
      : new Error("withTenant: the transaction rolled back; its statement was re-run outside it and discarded");
  }

  /** From now on `tx` refuses statements: the connection is someone else's, and has no tenant. */
  close(): void {
    this.closed = true;
  }

  commitBehindNextStatement(): void {
    this.commitBehindNext = true;
  }

  asSql(): postgres.Sql {
    const unsafe = (query: string, params?: unknown[], opts?: postgres.UnsafeQueryOptions) =>
      this.unsafe(query, params, opts);
    return new Proxy(this.conn, {
      get: (target, prop, receiver) => {
        if (prop === "unsafe") return unsafe;
        if (prop === "options") return this.options;
        return Reflect.get(target, prop, receiver);
      },
    }) as unknown as postgres.Sql;
  }

  private unsafe(query: string, params?: unknown[], opts?: postgres.UnsafeQueryOptions) {
    // Anything after COMMIT would run outside the transaction, without the tenant (zero rows at
    // best, on a connection another caller now holds): refuse it loudly instead.
    if (this.commit || this.closed) throw new Error("withTenant: statement issued after the transaction ended");
    this.issued++;
    const q = this.conn.unsafe(query, params as postgres.ParameterOrJSON<never>[], {
      ...opts,
      prepare: this.prepare,
    });
    if (!this.commitBehindNext) return q;
    this.commitBehindNext = false;
    // Drizzle calls `.values()` and then awaits: send the statement when awaited, COMMIT behind it.
    const wrapper = {
      values() {
        q.values();
        return wrapper;
      },
      // biome-ignore lint/suspicious/noThenProperty: drizzle awaits the driver's query object
      then: <A, B>(ok?: (v: unknown) => A, fail?: (e: unknown) => B) => {
        if (!this.commit) {
          q.execute();
          this.pipelined = q;
          this.commit = this.conn.unsafe("commit").execute();
          // Awaited by tenantTransaction; this only keeps an early rejection from counting as unhandled.
          this.commit.catch(() => {});
        }
        return q.then(ok, fail);
      },
    };
    return wrapper;
  }
}

/** Same transaction shape without a tenant: for platform tables (tenants, staff) in the control plane. */
export async function withPlatform<T>(
  database: Database,
  fn: (tx: PostgresJsDatabase & { $sql: postgres.ReservedSql }) => Promise<T>,
): Promise<T> {
  const conn = await database.sql.reserve();
  const begun = conn`begin`.catch((err: unknown) => err);
  try {
    const tx = Object.assign(drizzle(asDrizzleClient(database, conn)), { $sql: conn });
    try {
      const result = await fn(tx);
      const began = await begun;
      if (began instanceof Error) throw began;
      await conn`commit`;
      return result;
    } catch (err) {
      await begun;
      await conn`rollback`.catch(() => {});
      throw err;
    }
  } finally {
    conn.release();
  }
}

/**
 * A read-only, snapshot-consistent tenant transaction held open by the caller, for streaming
 * reads (exports, chain verification) that cannot live inside a callback. Always `close()` it.
 */
export async function openTenantReadTx(
  database: Database,
  tenantId: string,
): Promise<{ conn: postgres.ReservedSql; close(): Promise<void> }> {
  if (!isId("tenant", tenantId)) throw new Error("openTenantReadTx: not a tenant id");
  const conn = await database.sql.reserve();
  try {
    await conn`begin isolation level repeatable read read only`;
    await conn`select set_config('app.tenant_id', ${tenantId}, true)`;
  } catch (err) {
    await conn`rollback`.catch(() => {});
    conn.release();
    throw err;
  }
  let closed = false;
  return {
    conn,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await conn`commit`;
      } finally {
        conn.release();
      }
    },
  };
}
