import { and, eq, inArray } from "drizzle-orm";
import { type AuditCtx, emitAudit } from "../audit/emit";
import { type Database, withTenant } from "../db/client";
import { type DomainRow, domains } from "../db/schema/index";
import { env } from "../env";

export type ReleaseReason = NonNullable<DomainRow["releaseReason"]>;

const DAY_MS = 24 * 60 * 60 * 1000;

/** How long an unverified claim lasts (`DOMAIN_CLAIM_TTL_DAYS`, 7 by default). */
export const claimTtlMs = (): number => env.DOMAIN_CLAIM_TTL_DAYS * DAY_MS;

/** When a pending claim lapses if its owner has not proven DNS control by then. */
export function claimExpiresAt(domain: Pick<DomainRow, "createdAt">, ttlMs: number = claimTtlMs()): Date {
  return new Date(domain.createdAt.getTime() + ttlMs);
}

/**
 * The platform releases one tenant's unverified claim on a host name, in that tenant's own
 * transaction and audit chain (`domain.release`): it expired, or another tenant proved control of
 * the domain's DNS. The row stays (status `removed`, with when and why) so the tenant's domains
 * page can say what happened. A claim that became verified meanwhile is left alone (null).
 * The vendor attachment is not touched here: the caller knows whether anyone still needs it.
 */
export async function releaseClaim(
  database: Database,
  audit: AuditCtx,
  claim: { tenantId: string; domainId: string },
  reason: ReleaseReason,
  now: Date = new Date(),
): Promise<DomainRow | null> {
  const { tenantId, domainId } = claim;
  return withTenant(database, tenantId, async (tx) => {
    const [before] = await tx
      .select()
      .from(domains)
      .where(
        and(
          eq(domains.tenantId, tenantId),
          eq(domains.id, domainId),
          eq(domains.kind, "custom"),
          inArray(domains.status, ["pending", "lapsed"]),
        ),
      )
      .for("update");
    if (!before) return null;
    const [released] = await tx
      .update(domains)
      .set({ status: "removed", isPrimary: false, releasedAt: now, releaseReason: reason, updatedAt: now })
      .where(and(eq(domains.tenantId, tenantId), eq(domains.id, domainId)))
      .returning();
    if (!released) throw new Error("domain update returned no row");
    await emitAudit(tx, audit, {
      action: "domain.release",
      target: { type: "domain", id: domainId },
      before: { hostname: before.hostname, status: before.status },
      after: { hostname: released.hostname, status: released.status, reason },
    });
    return released;
  });
}
