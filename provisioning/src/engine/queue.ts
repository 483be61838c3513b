import { provisioningEnv } from "../env";
import type { JobQueue } from "./types";

export const ADVANCE_TASK = "provisioning:advance";

export interface AdvancePayload {
  runId: string;
}

/**
 * Queue the next unit of work on a run. The job key is the run id, so a run has at most one
 * queued job; queueing again while one waits replaces it (a staff retry runs now, not after the
 * backoff). `preserveRunAt` keeps an already queued job's time (a busy run looks again later
 * without pushing back a follow-up someone else queued).
 */
export async function enqueueAdvance(
  queue: JobQueue,
  runId: string,
  opts: { delayMs?: number; preserveRunAt?: boolean } = {},
): Promise<void> {
  const payload: AdvancePayload = { runId };
  await queue.addJob(ADVANCE_TASK, payload, {
    jobKey: runId,
    maxAttempts: queue.stepAttempts ?? provisioningEnv.PROVISIONING_MAX_ATTEMPTS,
    ...(opts.delayMs ? { runAt: new Date(Date.now() + opts.delayMs) } : {}),
    ...(opts.preserveRunAt ? { jobKeyMode: "preserve_run_at" as const } : {}),
  });
}
