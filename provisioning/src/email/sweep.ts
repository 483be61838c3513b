import { type Database, readTenant } from "@mw/core/db";
import { emailOutbox, tenants } from "@mw/core/schema";
import { and, eq, ne } from "drizzle-orm";
import type { JobQueue } from "../engine/types";
import { emailJobKey, scheduleEmail } from "./schedule";

/**
 * Safety net for outbox rows whose delivery was never scheduled: the writer crashed after its
 * commit, or wrote the row without scheduling (the control plane's invitations). The outbox is
 * tenant-owned and under RLS, so the sweep asks tenant by tenant — one pipelined read-only query
 * each — which is fine for thousands of tenants; at 100k it wants a security-definer
 * "pending outbox" function (see README). The same reads give the outbox's depth and the age of
 * its oldest undelivered mail, which the worker exposes as metrics.
 */
export interface OutboxSweep {
  /** Deliveries scheduled again. */
  scheduled: number;
  /** Undelivered e-mails across all tenants, and when the oldest was written. */
  pending: number;
  oldestPendingAt: Date | null;
}

export async function sweepOutbox(opts: {
  database: Database;
  queue: JobQueue;
  liveJobKeys(keys: string[]): Promise<Set<string>>;
  /** Rows younger than this are left to their writer. */
  staleAfterMs?: number;
  parallel?: number;
}): Promise<OutboxSweep> {
  const cutoff = new Date(Date.now() - (opts.staleAfterMs ?? 30_000));
  const ids = await opts.database.db.select({ id: tenants.id }).from(tenants).where(ne(tenants.status, "deleted"));
  const pending: { tenantId: string; outboxId: string }[] = [];
  let depth = 0;
  let oldest: Date | null = null;
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.max(1, opts.parallel ?? 4) }, async () => {
      while (next < ids.length) {
        const tenantId = (ids[next++] as { id: string }).id;
        const rows = await readTenant(opts.database, tenantId, (tx) =>
          tx
            .select({ id: emailOutbox.id, createdAt: emailOutbox.createdAt })
            .from(emailOutbox)
            .where(and(eq(emailOutbox.tenantId, tenantId), eq(emailOutbox.status, "pending"))),
        );
        depth += rows.length;
        for (const r of rows) {
          if (!oldest || r.createdAt < oldest) oldest = r.createdAt;
          if (r.createdAt < cutoff) pending.push({ tenantId, outboxId: r.id });
        }
      }
    }),
  );
  const stats = { pending: depth, oldestPendingAt: oldest };
  if (pending.length === 0) return { scheduled: 0, ...stats };
  const live = await opts.liveJobKeys(pending.map((p) => emailJobKey(p.outboxId)));
  let scheduled = 0;
  for (const p of pending) {
    if (live.has(emailJobKey(p.outboxId))) continue;
    await scheduleEmail(opts.queue, p, "replace");
    scheduled++;
  }
  return { scheduled, ...stats };
}
