import { env, rolePassword } from "../env";
import { type Database, openDatabase } from "./client";
import { type AppRole, roleUrl } from "./connect";

const pools = globalThis as unknown as { __mwPools?: Map<AppRole, Database> };

/**
 * The process-wide pool for an app role (the control plane uses `mw_control`, the tenant
 * runtime `mw_runtime`). Kept on globalThis so dev-server reloads do not leak pools.
 */
export function getAppDatabase(role: AppRole): Database {
  pools.__mwPools ??= new Map();
  const existing = pools.__mwPools.get(role);
  if (existing) return existing;
  const override = role === "mw_control" ? env.CONTROL_DATABASE_URL : env.RUNTIME_DATABASE_URL;
  const url = override ?? (env.DATABASE_URL ? roleUrl(env.DATABASE_URL, role, rolePassword()) : undefined);
  if (!url) {
    throw new Error("DATABASE_URL is not set: start the apps with `npm start`, which provides it, or set it yourself.");
  }
  const database = openDatabase(url, { max: env.DB_POOL_MAX, applicationName: role });
  pools.__mwPools.set(role, database);
  return database;
}
