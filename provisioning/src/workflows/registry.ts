import type { WorkflowRegistry } from "../engine/types";
import { offboardWorkflow } from "./offboard";
import { onboardWorkflow } from "./onboard";

/** Every workflow the worker runs, by run kind. */
export const WORKFLOWS: WorkflowRegistry = { onboard: onboardWorkflow, offboard: offboardWorkflow };
