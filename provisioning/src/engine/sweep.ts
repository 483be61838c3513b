import type { Database } from "@mw/core/db";
import { enqueueAdvance } from "./queue";
import type { JobQueue } from "./types";

/**
 * Backstop for the one gap the engine cannot close in a transaction: the run commits, then the
 * process dies before its job is queued (or a job died for good). Runs that should be moving but
 * have not changed for a while and have no live job get one. Cheap: one index range scan.
 */
export async function sweepStalledRuns(opts: {
  database: Database;
  queue: JobQueue;
  /** Which of these job keys have a job that will still run (queued, retrying, or running now). */
  liveJobKeys(keys: string[]): Promise<Set<string>>;
  staleAfterMs?: number;
  limit?: number;
}): Promise<string[]> {
  const staleAfter = `${Math.max(0, Math.round((opts.staleAfterMs ?? 60_000) / 1000))} seconds`;
  const rows = await opts.database.sql<{ id: string }[]>`
    select id from provisioning_runs
     where status in ('pending', 'running', 'cancelling') and updated_at < now() - ${staleAfter}::interval
     order by updated_at limit ${opts.limit ?? 500}`;
  if (rows.length === 0) return [];
  const live = await opts.liveJobKeys(rows.map((r) => r.id));
  const stalled = rows.map((r) => r.id).filter((id) => !live.has(id));
  for (const id of stalled) await enqueueAdvance(opts.queue, id);
  return stalled;
}
