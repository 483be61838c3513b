import { type Env, env, rolePassword } from "../env";
import { type Database, openDatabase } from "./client";
import { type AppRole, roleUrl } from "./connect";

const pools = globalThis as unknown as {
  __mwPools?: Map<AppRole, Database>;
  __mwListenPools?: Map<AppRole, Database>;
};

export interface AppConnection {
  /** The role's pool: may go through a transaction pooler. */
  url: string;
  /** Where the role LISTENs: must reach Postgres directly (a session of its own). */
  listenUrl: string;
  prepare: boolean;
}

/** How an app role connects, from the environment (pure: `e` is the parsed environment). */
export function appConnection(role: AppRole, e: Env, password: string): AppConnection | null {
  const control = role === "mw_control";
  const derived = e.DATABASE_URL ? roleUrl(e.DATABASE_URL, role, password) : undefined;
  const url = (control ? e.CONTROL_DATABASE_URL : e.RUNTIME_DATABASE_URL) ?? derived;
  if (!url) return null;
  const listenUrl = (control ? e.CONTROL_DIRECT_DATABASE_URL : e.RUNTIME_DIRECT_DATABASE_URL) ?? url;
  return { url, listenUrl, prepare: e.DB_PREPARED_STATEMENTS };
}

function connectionOrThrow(role: AppRole): AppConnection {
  const c = appConnection(role, env, rolePassword());
  if (!c) {
    throw new Error("DATABASE_URL is not set: start the apps with `npm start`, which provides it, or set it yourself.");
  }
  return c;
}

/**
 * The process-wide pool for an app role (the control plane uses `mw_control`, the tenant
 * runtime `mw_runtime`). Kept on globalThis so dev-server reloads do not leak pools.
 */
export function getAppDatabase(role: AppRole): Database {
  pools.__mwPools ??= new Map();
  const existing = pools.__mwPools.get(role);
  if (existing) return existing;
  const c = connectionOrThrow(role);
  const database = openDatabase(c.url, {
    max: env.DB_POOL_MAX,
    applicationName: role,
    prepare: c.prepare,
    // The apps' proxies answer 503 while this says the database is away (ADR 0012).
    health: {
      onChange: (available, err) => {
        if (available) console.warn(`[db] ${role}: database reachable again`);
        else console.warn(`[db] ${role}: database unreachable (${errorLabel(err)}); answering 503 until it is back`);
      },
    },
  });
  pools.__mwPools.set(role, database);
  return database;
}

function errorLabel(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown } | null;
  return String(e?.code ?? e?.message ?? "unknown error");
}

/**
 * What an app role LISTENs on (`.sql.listen`): the role's pool itself when that reaches Postgres
 * directly, otherwise a client on the direct URL. postgres.js opens one dedicated connection per
 * client for all its LISTENs, so this costs one connection, opened at the first `listen`.
 */
export function getAppListenDatabase(role: AppRole): Database {
  const c = connectionOrThrow(role);
  if (c.listenUrl === c.url) return getAppDatabase(role);
  pools.__mwListenPools ??= new Map();
  const existing = pools.__mwListenPools.get(role);
  if (existing) return existing;
  const database = openDatabase(c.listenUrl, { max: 1, applicationName: `${role}_listen`, prepare: c.prepare });
  pools.__mwListenPools.set(role, database);
  return database;
}
