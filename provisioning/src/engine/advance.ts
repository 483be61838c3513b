import type { Database } from "@mw/core/db";
import type { ProvisioningRunRow, ProvisioningStepRow } from "@mw/core/schema";
import { stepDuration } from "../metrics";
import { CrashError, describeError, isPermanent } from "./errors";
import type { RunLocks } from "./locks";
import { enqueueAdvance } from "./queue";
import {
  loadRun,
  markRunCancelled,
  markRunSucceeded,
  markStepRunning,
  markStepSucceeded,
  parkRun,
  recordCompensationFailure,
  recordStepFailure,
  setCompensating,
  setStepStatus,
} from "./store";
import type {
  AnyWorkflow,
  EngineHooks,
  JobQueue,
  LogFn,
  StepClients,
  StepContext,
  StepDefinition,
  StepSettings,
  WorkflowRegistry,
} from "./types";

export interface EngineDeps {
  /** `mw_control`: bookkeeping and all domain work. */
  database: Database;
  clients: StepClients;
  queue: JobQueue;
  locks: RunLocks;
  settings: StepSettings;
  workflows: WorkflowRegistry;
  log: LogFn;
  hooks?: EngineHooks | undefined;
}

/** What the task knows about its own graphile-worker job. */
export interface JobAttempt {
  attempts: number;
  maxAttempts: number;
}

/** Delay before a job that found its run busy looks again (the holder queues a follow-up anyway). */
const BUSY_RETRY_MS = 1000;

/**
 * The `provisioning:advance` task: one unit of work on one run — the next pending step, or the
 * whole compensation of a cancelling run — then a follow-up job if there is more to do.
 *
 * A failed attempt is recorded and re-thrown so graphile-worker retries with its exponential
 * backoff; the last attempt (or an error no retry can fix) parks the run for staff instead.
 * Exactly-once effects do not come from the queue (a job may run twice after a crash) but from
 * the steps: each is idempotent and passes `${runId}:${stepId}` as idempotency key to vendors.
 */
export async function advanceRun(deps: EngineDeps, runId: string, job: JobAttempt): Promise<void> {
  const unlock = await deps.locks.tryLock(runId);
  if (!unlock) {
    await enqueueAdvance(deps.queue, runId, { delayMs: BUSY_RETRY_MS, preserveRunAt: true });
    return;
  }
  let more = false;
  try {
    more = await advanceLocked(deps, runId, job);
  } finally {
    await unlock().catch((err: unknown) => deps.log("error", `unlocking run ${runId} failed`, { error: err }));
  }
  // Queued only after the lock is released, or the follow-up could find the run still busy.
  if (more) await enqueueAdvance(deps.queue, runId);
}

async function advanceLocked(deps: EngineDeps, runId: string, job: JobAttempt): Promise<boolean> {
  const state = await loadRun(deps.database, runId);
  if (!state) return false;
  const workflow = deps.workflows[state.run.kind];
  if (!workflow) {
    await parkRun(deps.database, runId, `no workflow is registered for runs of kind "${state.run.kind}"`);
    return false;
  }
  switch (state.run.status) {
    case "pending":
    case "running":
      return runNextStep(deps, workflow, state.run, state.steps, job);
    case "cancelling":
      await compensate(deps, workflow, state.run, state.steps, job);
      return false;
    default:
      // succeeded, cancelled, parked: a stale job; nothing to do.
      return false;
  }
}

async function runNextStep(
  deps: EngineDeps,
  workflow: AnyWorkflow,
  run: ProvisioningRunRow,
  steps: ProvisioningStepRow[],
  job: JobAttempt,
): Promise<boolean> {
  const index = steps.findIndex((s) => s.status === "pending" || s.status === "running" || s.status === "failed");
  const row = steps[index];
  if (!row) {
    await markRunSucceeded(deps.database, run.id);
    return false;
  }
  const step = workflow.steps.find((s) => s.id === row.stepId);
  const parsed = workflow.input.safeParse(run.input);
  if (!step || !parsed.success) {
    const why = step ? "the run's stored input no longer validates" : `the workflow has no step "${row.stepId}"`;
    await recordStepFailure(deps.database, run.id, row.stepId, why, true);
    return false;
  }
  await markStepRunning(deps.database, run.id, row.stepId);
  const ctx = stepContext(deps, run, parsed.data, row.stepId, steps);
  let output: unknown;
  const timer = stepDuration.startTimer({ workflow: run.kind, step: row.stepId });
  try {
    output = await step.run(ctx);
    await deps.hooks?.afterEffect?.({ runId: run.id, stepId: row.stepId, label: "done" });
    timer({ outcome: "succeeded" });
  } catch (err) {
    if (err instanceof CrashError) throw err;
    const park = isPermanent(err) || job.attempts >= job.maxAttempts;
    timer({ outcome: park ? "parked" : "retry" });
    const message = describeError(err);
    await recordStepFailure(deps.database, run.id, row.stepId, message, park);
    deps.log(park ? "error" : "warn", `run ${run.id} step ${row.stepId} failed${park ? "; parked" : ""}: ${message}`);
    if (park) return false;
    throw err;
  }
  const isLast = index === steps.length - 1;
  const status = await markStepSucceeded(deps.database, run.id, row.stepId, output ?? null, isLast);
  // A cancel that arrived while the step ran leaves the run `cancelling`: the follow-up compensates.
  return status !== "succeeded";
}

/** Undo every step that may have had an effect, newest first; steps never started are skipped. */
async function compensate(
  deps: EngineDeps,
  workflow: AnyWorkflow,
  run: ProvisioningRunRow,
  steps: ProvisioningStepRow[],
  job: JobAttempt,
): Promise<void> {
  const parsed = workflow.input.safeParse(run.input);
  for (const row of [...steps].reverse()) {
    if (row.status === "pending") {
      await setStepStatus(deps.database, run.id, row.stepId, "skipped");
      continue;
    }
    if (row.status === "compensated" || row.status === "skipped") continue;
    // succeeded, or failed/running: a step that failed may have done part of its work.
    const step: StepDefinition<unknown> | undefined = workflow.steps.find((s) => s.id === row.stepId);
    if (step?.compensate) {
      if (!parsed.success) {
        await recordCompensationFailure(deps.database, run.id, row.stepId, "stored input no longer validates", true);
        return;
      }
      await setCompensating(deps.database, run.id, row.stepId);
      try {
        await step.compensate(stepContext(deps, run, parsed.data, row.stepId, steps));
        await deps.hooks?.afterEffect?.({ runId: run.id, stepId: row.stepId, label: "compensated" });
      } catch (err) {
        if (err instanceof CrashError) throw err;
        const park = isPermanent(err) || job.attempts >= job.maxAttempts;
        await recordCompensationFailure(deps.database, run.id, row.stepId, describeError(err), park);
        if (park) return;
        throw err;
      }
    }
    await setStepStatus(deps.database, run.id, row.stepId, "compensated");
  }
  await markRunCancelled(deps.database, run.id);
}

function stepContext(
  deps: EngineDeps,
  run: ProvisioningRunRow,
  input: unknown,
  stepId: string,
  steps: ProvisioningStepRow[],
): StepContext<unknown> {
  const outputs: Record<string, unknown> = {};
  for (const s of steps) if (s.status === "succeeded") outputs[s.stepId] = s.output;
  const idempotencyKey = `${run.id}:${stepId}`;
  return {
    run,
    input,
    database: deps.database,
    clients: deps.clients,
    queue: deps.queue,
    settings: deps.settings,
    idempotencyKey,
    outputs,
    log: (message, meta) => deps.log("info", `[${idempotencyKey}] ${message}`, meta),
    checkpoint: async (label) => {
      await deps.hooks?.afterEffect?.({ runId: run.id, stepId, label });
    },
  };
}
