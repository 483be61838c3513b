import { type Database, type TenantTx, withPlatform, withTenant } from "@mw/core/db";
import { NotFoundError, PreconditionFailedError } from "@mw/core/errors";
import { newId } from "@mw/core/ids";
import { type ProvisioningRunRow, provisioningRuns, provisioningSteps } from "@mw/core/schema";
import { and, eq, inArray } from "drizzle-orm";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { enqueueAdvance } from "./queue";
import { COMPENSATING, insertRun, loadRun } from "./store";
import type { JobQueue, RunWithSteps, WorkflowDefinition, WorkflowRegistry } from "./types";

type AnyTx = PostgresJsDatabase;

/**
 * Create a run (status `pending`, one `pending` row per step) in one transaction, then queue its
 * first job. `within` runs in that same transaction — a tenant transaction for `forTenantId` —
 * for changes that must commit together with the run (offboarding freezes the tenant).
 *
 * Should the process die between the commit and the queueing, the stalled-run sweep queues it.
 */
export async function startRun<I>(opts: {
  database: Database;
  workflow: WorkflowDefinition<I>;
  input: I;
  createdBy: string;
  worker: JobQueue;
  runId?: string;
  forTenantId?: string | null;
  within?: (tx: TenantTx, run: ProvisioningRunRow) => Promise<void>;
}): Promise<RunWithSteps> {
  const input = opts.workflow.input.parse(opts.input);
  const runId = opts.runId ?? newId("run");
  const forTenantId = opts.forTenantId ?? null;
  const create = async (tx: AnyTx) =>
    insertRun(tx, {
      id: runId,
      kind: opts.workflow.kind,
      forTenantId,
      input,
      createdBy: opts.createdBy,
      stepIds: opts.workflow.steps.map((s) => s.id),
    });
  if (opts.within) {
    const within = opts.within;
    if (!forTenantId) throw new TypeError("startRun: `within` needs forTenantId");
    await withTenant(opts.database, forTenantId, async (tx) => within(tx, await create(tx)));
  } else {
    await withPlatform(opts.database, create);
  }
  await enqueueAdvance(opts.worker, runId);
  const state = await loadRun(opts.database, runId);
  if (!state) throw new Error("run vanished after insert");
  return state;
}

export type RunChangeHook = (tx: AnyTx, before: ProvisioningRunRow) => Promise<void>;

/** Lock the run row in a transaction (a tenant one when the run names a tenant, for its audit). */
async function changeRun<T>(
  database: Database,
  runId: string,
  fn: (tx: AnyTx, run: ProvisioningRunRow) => Promise<T>,
): Promise<T> {
  const [peek] = await database.db
    .select({ forTenantId: provisioningRuns.forTenantId })
    .from(provisioningRuns)
    .where(eq(provisioningRuns.id, runId));
  if (!peek) throw new NotFoundError("No such provisioning run.");
  const body = async (tx: AnyTx) => {
    const [run] = await tx.select().from(provisioningRuns).where(eq(provisioningRuns.id, runId)).for("update");
    if (!run) throw new NotFoundError("No such provisioning run.");
    return fn(tx, run);
  };
  return peek.forTenantId ? withTenant(database, peek.forTenantId, body) : withPlatform(database, body);
}

/**
 * Staff: resume a parked run. The failed step goes back to `pending` and runs again with a fresh
 * set of attempts; a run parked while compensating resumes its compensation.
 */
export async function retryRun(opts: {
  database: Database;
  worker: JobQueue;
  runId: string;
  within?: RunChangeHook;
}): Promise<RunWithSteps> {
  await changeRun(opts.database, opts.runId, async (tx, run) => {
    if (run.status !== "parked") {
      throw new PreconditionFailedError(`Only a parked run can be retried; this one is ${run.status}.`);
    }
    const compensating = run.currentStep?.startsWith(COMPENSATING) ?? false;
    if (!compensating) {
      await tx
        .update(provisioningSteps)
        .set({ status: "pending", finishedAt: null })
        .where(and(eq(provisioningSteps.runId, run.id), inArray(provisioningSteps.status, ["failed", "running"])));
    }
    await tx
      .update(provisioningRuns)
      .set({
        status: compensating ? "cancelling" : "running",
        lastError: null,
        finishedAt: null,
        updatedAt: new Date(),
      })
      .where(eq(provisioningRuns.id, run.id));
    await opts.within?.(tx, run);
  });
  await enqueueAdvance(opts.worker, opts.runId);
  return (await loadRun(opts.database, opts.runId)) as RunWithSteps;
}

/**
 * Staff: stop a run that has not finished and undo what it did. The run turns `cancelling` at
 * once; a job then compensates every step that may have had an effect, newest first, and the run
 * ends `cancelled`. A step running right now finishes first (the job holds the run's lock).
 */
export async function cancelRun(opts: {
  database: Database;
  worker: JobQueue;
  runId: string;
  workflows: WorkflowRegistry;
  within?: RunChangeHook;
}): Promise<RunWithSteps> {
  const changed = await changeRun(opts.database, opts.runId, async (tx, run) => {
    if (run.status === "cancelling" || run.status === "cancelled") return false;
    if (!opts.workflows[run.kind]?.cancellable) {
      throw new PreconditionFailedError(`A ${run.kind} run cannot be cancelled; retry it instead.`);
    }
    if (run.status === "succeeded") {
      throw new PreconditionFailedError("This run has already succeeded; offboard the tenant instead.");
    }
    await tx
      .update(provisioningRuns)
      .set({ status: "cancelling", lastError: null, updatedAt: new Date() })
      .where(eq(provisioningRuns.id, run.id));
    await opts.within?.(tx, run);
    return true;
  });
  if (changed) await enqueueAdvance(opts.worker, opts.runId);
  return (await loadRun(opts.database, opts.runId)) as RunWithSteps;
}
