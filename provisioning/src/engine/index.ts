export { advanceRun, type EngineDeps, type JobAttempt } from "./advance";
export { CrashError, describeError, isPermanent, PermanentStepError } from "./errors";
export { createRunLocks, type RunLocks, type Unlock } from "./locks";
export { ADVANCE_TASK, type AdvancePayload, enqueueAdvance } from "./queue";
export { cancelRun, type RunChangeHook, retryRun, startRun } from "./runs";
export { COMPENSATING, listRunRows, loadRun } from "./store";
export { sweepStalledRuns } from "./sweep";
export type * from "./types";
