import { emitAudit } from "@mw/core/audit";
import { type Database, withTenant } from "@mw/core/db";
import { newId } from "@mw/core/ids";
import { tenants } from "@mw/core/schema";
import { and, eq, lt, notLike } from "drizzle-orm";
import { PROVISIONING_ACTOR } from "../steps/verb-context";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Marker in the slug of a purged tenant (`SlugSchema` forbids `--`, so no live slug has it). */
const PURGED = "--purged-";

/** Deleted in dependency order (children before parents); each statement also names the tenant. */
const PURGE_ORDER = [
  "event_rsvps",
  "events",
  "artists",
  "membership_roles",
  "memberships",
  "sessions",
  "magic_links",
  "invitations",
  "users",
  "themes",
  "domains",
  "roles",
] as const;

/**
 * Hard delete after the retention period: every row of tenants deleted more than `retentionDays`
 * ago goes, tenant by tenant (one transaction each, so a failure stops at a clean boundary).
 *
 * What stays, on purpose: the tenant row itself (status `deleted`, slug freed) and its audit chain —
 * the log is append-only (a trigger rejects deletes) and its foreign key keeps the tenant row — plus
 * the outbox rows, whose addresses and payloads (invitation links) are blanked instead, since the
 * control role may not delete them. Provisioning runs lose the owner's e-mail address from their input.
 * Idempotent: a purged tenant is recognised by its slug and skipped.
 */
export async function purgeDeletedTenants({
  database,
  retentionDays,
  now = new Date(),
  limit = 100,
}: {
  database: Database;
  retentionDays: number;
  now?: Date;
  limit?: number;
}): Promise<{ purged: string[] }> {
  if (!Number.isFinite(retentionDays) || retentionDays < 0) throw new RangeError("retentionDays must be 0 or more");
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  const due = await database.db
    .select({ id: tenants.id, slug: tenants.slug })
    .from(tenants)
    .where(and(eq(tenants.status, "deleted"), lt(tenants.deletedAt, cutoff), notLike(tenants.slug, `%${PURGED}%`)))
    .limit(limit);
  const purged: string[] = [];
  for (const tenant of due) {
    await withTenant(database, tenant.id, async (tx) => {
      const counts: Record<string, number> = {};
      for (const table of PURGE_ORDER) {
        const rows = await tx.$sql.unsafe(`delete from ${table} where tenant_id = $1`, [tenant.id]);
        counts[table] = rows.count;
      }
      const outbox = await tx.$sql`
        update email_outbox
           set to_address = 'purged', payload = '{}'::jsonb,
               status = case when status = 'pending' then 'failed'::email_outbox_status else status end
         where tenant_id = ${tenant.id}`;
      counts.email_outbox_blanked = outbox.count;
      await tx.$sql`
        update provisioning_runs set input = input - 'ownerEmail', updated_at = now()
         where for_tenant_id = ${tenant.id} and input ? 'ownerEmail'`;
      const base = tenant.slug.split("--")[0] ?? tenant.slug;
      await tx
        .update(tenants)
        .set({ slug: `${base}${PURGED}${tenant.id.slice(-10)}`, updatedAt: new Date() })
        .where(and(eq(tenants.id, tenant.id), eq(tenants.status, "deleted")));
      await emitAudit(
        tx,
        { actor: PROVISIONING_ACTOR, requestId: newId("request"), ip: null, userAgent: null },
        { action: "tenant.purge", target: { type: "tenant", id: tenant.id }, after: { counts, retentionDays } },
      );
    });
    purged.push(tenant.id);
  }
  return { purged };
}
