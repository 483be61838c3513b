import { emitAudit } from "@mw/core/audit";
import type { PlatformCtx } from "@mw/core/context";
import { withTenant } from "@mw/core/db";
import { domains, tenants } from "@mw/core/schema";
import { and, eq, ne } from "drizzle-orm";

/** A slug no live tenant can have (`SlugSchema` forbids `--`), so a removed tenant frees its own. */
export function retiredSlug(slug: string, tenantId: string): string {
  return `${slug}--retired-${tenantId.slice(-10)}`;
}

/**
 * Soft-delete a tenant: status `deleted` (the resolver stops serving every host of it at once),
 * `deleted_at` set, audited. With `releaseNames` the slug and host names are freed too — for a
 * tenant that never went live (a cancelled onboarding) or one whose retention has ended.
 * Idempotent: an already deleted tenant is left alone.
 */
export async function softDeleteTenant(
  ctx: PlatformCtx,
  tenantId: string,
  opts: { action: `${string}.${string}`; reason: string; releaseNames: boolean; runId: string },
): Promise<{ changed: boolean; deletedAt: Date | null }> {
  return withTenant(ctx.database, tenantId, async (tx) => {
    const [before] = await tx.select().from(tenants).where(eq(tenants.id, tenantId)).for("update");
    if (!before) return { changed: false, deletedAt: null };
    if (before.status === "deleted") return { changed: false, deletedAt: before.deletedAt };
    const now = new Date();
    const [after] = await tx
      .update(tenants)
      .set({
        status: "deleted",
        deletedAt: now,
        updatedAt: now,
        ...(opts.releaseNames ? { slug: retiredSlug(before.slug, tenantId) } : {}),
      })
      .where(eq(tenants.id, tenantId))
      .returning();
    if (opts.releaseNames) {
      await tx
        .update(domains)
        .set({ status: "removed", isPrimary: false, updatedAt: now })
        .where(and(eq(domains.tenantId, tenantId), ne(domains.status, "removed")));
    }
    await emitAudit(
      tx,
      { actor: ctx.actor, requestId: ctx.requestId, ip: null, userAgent: null },
      {
        action: opts.action,
        target: { type: "tenant", id: tenantId },
        before: { status: before.status, slug: before.slug },
        after: { status: after?.status, slug: after?.slug, reason: opts.reason, runId: opts.runId },
      },
    );
    return { changed: true, deletedAt: now };
  });
}
