import { type Database, withTenant } from "@mw/core/db";
import { type DomainRow, domains } from "@mw/core/schema";
import { and, eq, ne } from "drizzle-orm";

/** The tenant's custom domains that are not removed, by host name. */
export async function liveCustomDomains(database: Database, tenantId: string): Promise<Map<string, DomainRow>> {
  const rows = await withTenant(database, tenantId, (tx) =>
    tx
      .select()
      .from(domains)
      .where(and(eq(domains.tenantId, tenantId), eq(domains.kind, "custom"), ne(domains.status, "removed"))),
  );
  return new Map(rows.map((r) => [r.hostname, r]));
}
