export { DEMO_PASSWORD, DEMO_TENANTS, seedDemo } from "./demo-seed";
export { scheduleEmail } from "./email/schedule";
export type { JobQueue, RunKind, RunStatus, RunWithSteps, StepStatus } from "./engine/types";
export { OffboardInput, OnboardInput } from "./workflows/inputs";
export { offboardWorkflow, startOffboarding } from "./workflows/offboard";
export { onboardWorkflow, startOnboarding } from "./workflows/onboard";
export { purgeDeletedTenants } from "./workflows/purge";
export { WORKFLOWS } from "./workflows/registry";
export {
  CountRunsInput,
  cancelProvisioningRun,
  countRuns,
  getRun,
  ListRunsInput,
  listRuns,
  retryProvisioningRun,
} from "./workflows/staff";
