import "server-only";
import { type Database, getAppDatabase } from "@mw/core/db";

/** The control plane's pool: role `mw_control` (platform tables, tenant tables under RLS). */
export function controlDb(): Database {
  return getAppDatabase("mw_control");
}
