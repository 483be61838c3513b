import "server-only";
import { env } from "@mw/core/env";
import { createJobQueue, type ProvisioningQueue } from "@mw/provisioning/queue";

const g = globalThis as unknown as { __mwQueue?: Promise<ProvisioningQueue> };

/**
 * The provisioning job queue (graphile-worker tables on the owner connection). The control plane
 * only enqueues; the worker process runs the steps.
 */
export function jobQueue(): Promise<ProvisioningQueue> {
  if (!env.DATABASE_URL) throw new Error("DATABASE_URL is not set: start the platform with `npm start`.");
  const url = env.DATABASE_URL;
  g.__mwQueue ??= createJobQueue({ ownerUrl: url });
  return g.__mwQueue;
}
