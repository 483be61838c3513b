import "server-only";
import { schema } from "@mw/core/db";
import { inArray } from "drizzle-orm";
import { controlDb } from "./db";

/** Tenant names for the ids a staff list shows (runs, security events): one query for the page. */
export async function tenantNames(ids: readonly (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === "string"))];
  if (wanted.length === 0) return new Map();
  const rows = await controlDb()
    .db.select({ id: schema.tenants.id, name: schema.tenants.name })
    .from(schema.tenants)
    .where(inArray(schema.tenants.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}
