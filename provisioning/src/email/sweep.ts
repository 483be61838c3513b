import { type Database, readTenant } from "@mw/core/db";
import { emailOutbox, tenants } from "@mw/core/schema";
import { and, eq, lt, ne } from "drizzle-orm";
import type { JobQueue } from "../engine/types";
import { emailJobKey, scheduleEmail } from "./schedule";

/**
 * Safety net for outbox rows whose delivery was never scheduled: the writer crashed after its
 * commit, or wrote the row without scheduling (the control plane's invitations). The outbox is
 * tenant-owned and under RLS, so the sweep asks tenant by tenant — one pipelined read-only query
 * each — which is fine for thousands of tenants; at 100k it wants a security-definer
 * "pending outbox" function (see README).
 */
export async function sweepOutbox(opts: {
  database: Database;
  queue: JobQueue;
  liveJobKeys(keys: string[]): Promise<Set<string>>;
  /** Rows younger than this are left to their writer. */
  staleAfterMs?: number;
  parallel?: number;
}): Promise<number> {
  const cutoff = new Date(Date.now() - (opts.staleAfterMs ?? 30_000));
  const ids = await opts.database.db.select({ id: tenants.id }).from(tenants).where(ne(tenants.status, "deleted"));
  const pending: { tenantId: string; outboxId: string }[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.max(1, opts.parallel ?? 4) }, async () => {
      while (next < ids.length) {
        const tenantId = (ids[next++] as { id: string }).id;
        const rows = await readTenant(opts.database, tenantId, (tx) =>
          tx
            .select({ id: emailOutbox.id })
            .from(emailOutbox)
            .where(
              and(
                eq(emailOutbox.tenantId, tenantId),
                eq(emailOutbox.status, "pending"),
                lt(emailOutbox.createdAt, cutoff),
              ),
            ),
        );
        for (const r of rows) pending.push({ tenantId, outboxId: r.id });
      }
    }),
  );
  if (pending.length === 0) return 0;
  const live = await opts.liveJobKeys(pending.map((p) => emailJobKey(p.outboxId)));
  let scheduled = 0;
  for (const p of pending) {
    if (live.has(emailJobKey(p.outboxId))) continue;
    await scheduleEmail(opts.queue, p, "replace");
    scheduled++;
  }
  return scheduled;
}
