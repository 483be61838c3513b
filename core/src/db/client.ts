import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { isId } from "../ids";
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
}

export function openDatabase(url: string, opts: OpenDatabaseOptions = {}): Database {
  const prepare = opts.prepare ?? true;
  const sql = postgres(url, {
    max: opts.max ?? 10,
    onnotice: () => {},
    connection: { application_name: opts.applicationName ?? "musicalwheel" },
    // Idle connections are closed so that test databases can be dropped promptly.
    idle_timeout: 30,
    // Also governs tagged-template queries (`sql\`…\``), which drizzle does not send.
    prepare,
  });
  const db = drizzle(preparing(sql, sql.options, prepare), { schema });
  return { sql, db, prepare, close: () => sql.end({ timeout: 5 }) };
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
 * BEGIN and set_config are written to the socket without waiting for their replies, so they travel
 * in the same round trip as the first query of `fn` (postgres.js pipelines on a connection).
 */
export async function withTenant<T>(
  database: Database,
  tenantId: string,
  fn: (tx: TenantTx) => Promise<T>,
): Promise<T> {
  if (!isId("tenant", tenantId)) throw new Error("withTenant: not a tenant id");
  const conn = await database.sql.reserve();
  let setupError: unknown;
  // One simple-protocol message for both. Interpolating is safe: isId() admits only [0-9a-z_].
  const setup = conn
    .unsafe(`begin; select set_config('app.tenant_id', '${tenantId}', true)`)
    .execute()
    .then(
      () => {},
      (err: unknown) => {
        setupError = err;
      },
    );
  try {
    const tx = Object.assign(drizzle(asDrizzleClient(database, conn)), { tenantId, $sql: conn }) as TenantTx;
    let result: T;
    try {
      result = await fn(tx);
      await setup;
      if (setupError) throw setupError;
      await conn.unsafe("commit");
      return result;
    } catch (err) {
      await setup;
      await conn.unsafe("rollback").catch(() => {});
      throw err;
    }
  } finally {
    conn.release();
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

/**
 * The fast path for a single read: BEGIN READ ONLY + set_config, the statement and COMMIT go out
 * together in one round trip (withTenant needs a second one for COMMIT, since it cannot know when
 * an arbitrary `fn` is done). `build` must issue exactly one statement through `tx`.
 */
export async function readTenant<T>(
  database: Database,
  tenantId: string,
  build: (tx: PostgresJsDatabase) => PromiseLike<T>,
): Promise<T> {
  if (!isId("tenant", tenantId)) throw new Error("readTenant: not a tenant id");
  const conn = await database.sql.reserve();
  const begin = conn.unsafe(`begin read only; select set_config('app.tenant_id', '${tenantId}', true)`).execute();
  let end: Promise<unknown> | null = null;
  let issued = false;
  // A client that sends COMMIT right behind the one statement drizzle issues through it.
  const client = {
    options: database.sql.options,
    unsafe(query: string, params?: unknown[], opts?: object) {
      if (issued) throw new Error("readTenant runs exactly one statement; use withTenant for more");
      issued = true;
      const q = conn.unsafe(query, params as postgres.ParameterOrJSON<never>[], {
        ...opts,
        prepare: database.prepare,
      });
      const start = () => {
        if (!end) {
          q.execute();
          end = conn.unsafe("commit").execute();
        }
      };
      const wrapper = {
        values() {
          q.values();
          return wrapper;
        },
        // biome-ignore lint/suspicious/noThenProperty: drizzle awaits the driver's query object
        then<A, B>(ok?: (v: unknown) => A, fail?: (e: unknown) => B) {
          start();
          return q.then(ok, fail);
        },
      };
      return wrapper;
    },
  };
  try {
    const result = await build(drizzle(client as unknown as postgres.Sql));
    await begin;
    await end;
    return result;
  } catch (err) {
    await begin.catch(() => {});
    if (end) await (end as Promise<unknown>).catch(() => {});
    else await conn.unsafe("rollback").catch(() => {});
    throw err;
  } finally {
    conn.release();
  }
}
