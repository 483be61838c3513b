import { and, asc, desc, eq, ne } from "drizzle-orm";
import { assertCan } from "../authz/ability";
import type { TenantCtx } from "../context";
import { readTenant } from "../db/client";
import { type DomainRow, domains } from "../db/schema/index";

/** The tenant's live domains (platform host and custom ones, not removed), primary first. */
export async function listDomains({ ctx }: { ctx: TenantCtx }): Promise<DomainRow[]> {
  assertCan(ctx.ability, "domain.read");
  const tenantId = ctx.tenant.id;
  return readTenant(ctx.database, tenantId, (tx) =>
    tx
      .select()
      .from(domains)
      .where(and(eq(domains.tenantId, tenantId), ne(domains.status, "removed")))
      .orderBy(desc(domains.isPrimary), asc(domains.kind), asc(domains.createdAt)),
  );
}
