import { and, asc, eq, ne } from "drizzle-orm";
import { type AuditCtx, emitAudit } from "../audit/emit";
import type { TenantTx } from "../db/client";
import { type DomainRow, domains } from "../db/schema/index";
import { NotFoundError } from "../errors";
import type { DomainState } from "../ports/domains";
import { notifyOwnersDomainVerified } from "./notify";
import { type DomainEvent, nextDomainState, type OwnershipCheck } from "./transition";

/**
 * Hand the primary role back to the tenant's platform host (`<slug>.<platform domain>`), which
 * always serves, so links and redirects never point at a host that no longer does.
 */
export async function restorePlatformPrimary(tx: TenantTx): Promise<void> {
  const tenantId = tx.tenantId;
  const [platform] = await tx
    .select({ id: domains.id })
    .from(domains)
    .where(and(eq(domains.tenantId, tenantId), eq(domains.kind, "platform"), eq(domains.status, "verified")))
    .orderBy(asc(domains.createdAt))
    .limit(1);
  if (!platform) return;
  await tx
    .update(domains)
    .set({ isPrimary: true, updatedAt: new Date() })
    .where(and(eq(domains.tenantId, tenantId), eq(domains.id, platform.id)));
}

/**
 * Record what the vendor said about a domain, in the caller's tenant transaction: the row is
 * locked, moved along `nextDomainState`, and a status change is audited in the same transaction.
 * A domain that lapses stops being primary (the platform host takes over).
 */
export async function applyVendorState(
  tx: TenantTx,
  audit: AuditCtx,
  domainId: string,
  state: DomainState,
  opts: { now: Date; ownership: OwnershipCheck; graceMs?: number },
): Promise<{ domain: DomainRow; event: DomainEvent | null }> {
  const tenantId = tx.tenantId;
  const [row] = await tx
    .select()
    .from(domains)
    .where(and(eq(domains.tenantId, tenantId), eq(domains.id, domainId), ne(domains.status, "removed")))
    .for("update");
  if (!row) throw new NotFoundError("Domain not found.");
  if (row.hostname !== state.hostname) throw new Error(`vendor state for ${state.hostname} applied to ${row.hostname}`);

  const next = nextDomainState(row, state, opts.now, opts.ownership, opts.graceMs);
  const lapsing = next.status === "lapsed" && row.status !== "lapsed";
  const [domain] = await tx
    .update(domains)
    .set({
      status: next.status,
      verifiedAt: next.verifiedAt,
      lapsedAt: next.lapsedAt,
      verification: next.verification,
      dnsConfig: next.dnsConfig,
      lastError: next.lastError,
      lastCheckedAt: opts.now,
      isPrimary: lapsing ? false : row.isPrimary,
      updatedAt: new Date(),
    })
    .where(and(eq(domains.tenantId, tenantId), eq(domains.id, domainId)))
    .returning();
  if (!domain) throw new Error("domain update returned no row");
  if (lapsing && row.isPrimary) await restorePlatformPrimary(tx);

  if (next.event) {
    await emitAudit(tx, audit, {
      action: next.event.action,
      target: { type: "domain", id: domainId },
      before: { hostname: row.hostname, status: row.status, isPrimary: row.isPrimary },
      after: {
        hostname: domain.hostname,
        status: domain.status,
        isPrimary: domain.isPrimary,
        ...(next.event.action === "domain.lapse" ? { reason: next.event.reason } : {}),
      },
    });
    if (next.event.action === "domain.verify") await notifyOwnersDomainVerified(tx, domain);
  }
  return { domain, event: next.event };
}
