import { log } from "@mw/core/observability";
import { Logger, makeWorkerUtils, runMigrations } from "graphile-worker";
import type { JobQueue } from "./engine/types";

export interface ProvisioningQueue extends JobQueue {
  release(): Promise<void>;
}

/**
 * For processes that start runs but do not run jobs (the control plane): a connection to the job
 * queue on the owner database, to pass as `worker` to `startOnboarding` and the staff verbs.
 * Migrates graphile-worker's schema first, so the queue works before any worker has started.
 */
export async function createJobQueue(opts: { ownerUrl: string; stepAttempts?: number }): Promise<ProvisioningQueue> {
  const logger = new Logger(() => (level, message) => {
    if (level === "error") log.error({ component: "provisioning-queue" }, message);
  });
  await runMigrations({ connectionString: opts.ownerUrl, logger });
  const utils = await makeWorkerUtils({ connectionString: opts.ownerUrl, logger });
  return {
    addJob: utils.addJob,
    ...(opts.stepAttempts ? { stepAttempts: opts.stepAttempts } : {}),
    release: async () => {
      await utils.release();
    },
  };
}
