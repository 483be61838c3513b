import type { Database } from "@mw/core/db";
import { stripeEvents } from "@mw/core/schema";
import { and, asc, eq, lt } from "drizzle-orm";
import type { JobQueue } from "../engine/types";
import { scheduleStripeEvent, stripeEventJobKey } from "./schedule";

/**
 * Safety net for inbox rows nobody is processing: stored while graphile-worker's schema did not
 * exist yet (the intake then cannot queue), or whose job ran out of attempts during a long Stripe
 * outage and was retried by nobody. Rows younger than `staleAfterMs` are left to their job.
 */
export async function sweepStripeInbox(opts: {
  database: Database;
  queue: JobQueue;
  liveJobKeys(keys: string[]): Promise<Set<string>>;
  staleAfterMs?: number;
  limit?: number;
}): Promise<{ pending: number; scheduled: number }> {
  const cutoff = new Date(Date.now() - (opts.staleAfterMs ?? 30_000));
  const rows = await opts.database.db
    .select({ id: stripeEvents.id })
    .from(stripeEvents)
    .where(and(eq(stripeEvents.status, "pending"), lt(stripeEvents.receivedAt, cutoff)))
    .orderBy(asc(stripeEvents.receivedAt))
    .limit(opts.limit ?? 500);
  if (rows.length === 0) return { pending: 0, scheduled: 0 };
  const live = await opts.liveJobKeys(rows.map((r) => stripeEventJobKey(r.id)));
  let scheduled = 0;
  for (const r of rows) {
    if (live.has(stripeEventJobKey(r.id))) continue;
    await scheduleStripeEvent(opts.queue, r.id);
    scheduled++;
  }
  return { pending: rows.length, scheduled };
}
