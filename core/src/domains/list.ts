import { and, asc, desc, eq, gt, isNotNull, ne } from "drizzle-orm";
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

/** How long a released claim is shown to the tenant that lost it. */
const RELEASED_SHOWN_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Claims the platform released in the last 30 days (expired, or taken by a tenant that proved
 * control of the domain's DNS), newest first: the domains page explains each one.
 */
export async function listReleasedClaims({
  ctx,
  now = new Date(),
}: {
  ctx: TenantCtx;
  now?: Date;
}): Promise<DomainRow[]> {
  assertCan(ctx.ability, "domain.read");
  const tenantId = ctx.tenant.id;
  const since = new Date(now.getTime() - RELEASED_SHOWN_MS);
  return readTenant(ctx.database, tenantId, (tx) =>
    tx
      .select()
      .from(domains)
      .where(
        and(
          eq(domains.tenantId, tenantId),
          eq(domains.status, "removed"),
          isNotNull(domains.releasedAt),
          gt(domains.releasedAt, since),
        ),
      )
      .orderBy(desc(domains.releasedAt)),
  );
}
