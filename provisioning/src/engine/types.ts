import type { Stripe } from "@mw/core/adapters/stripe";
import type { Database } from "@mw/core/db";
import type { Mailer } from "@mw/core/ports";
import type { ProvisioningRunRow, ProvisioningStepRow } from "@mw/core/schema";
import type { AddJobFunction } from "graphile-worker";
import type { z } from "zod";
import type { DomainHosting } from "../core-internals";

export type RunKind = ProvisioningRunRow["kind"];
export type RunStatus = ProvisioningRunRow["status"];
export type StepStatus = ProvisioningStepRow["status"];

/**
 * Where jobs go: graphile-worker's `WorkerUtils`, a runner or a task's helpers all fit.
 * `stepAttempts` is how many attempts each step gets before its run is parked (default from the
 * environment); the worker's own queue carries the value it was started with.
 */
export interface JobQueue {
  addJob: AddJobFunction;
  readonly stepAttempts?: number;
}

/** Vendor ports a step may use. `hosting` / `stripe` are null when that vendor is not configured. */
export interface StepClients {
  mailer: Mailer;
  hosting: DomainHosting | null;
  stripe: Stripe | null;
}

/** Where steps keep files (export archives). */
export interface StepSettings {
  exportDir: string;
}

export interface StepContext<I> {
  run: ProvisioningRunRow;
  /** The run's validated input. */
  input: I;
  /** The `mw_control` pool: all domain work runs under RLS like any other control-plane call. */
  database: Database;
  clients: StepClients;
  queue: JobQueue;
  settings: StepSettings;
  /** `${runId}:${stepId}` — for every external call, and the request id of the step's audit events. */
  idempotencyKey: string;
  /** Outputs of the steps that already succeeded, by step id. */
  outputs: Readonly<Record<string, unknown>>;
  log(message: string, meta?: Record<string, unknown>): void;
  /**
   * Marks a point inside a step where an effect has become durable but the step is not finished.
   * Production does nothing here; the crash tests kill the worker at these points.
   */
  checkpoint(label: string): Promise<void>;
}

/**
 * One step of a workflow. `run` must be idempotent: it may be re-run after any crash, including
 * one right after its effect, so it first looks for its own earlier effect. `compensate` undoes
 * the effect (also idempotently) when staff cancel the run; it may find the step half done.
 */
export interface StepDefinition<I, O = unknown> {
  id: string;
  run(ctx: StepContext<I>): Promise<O>;
  compensate?(ctx: StepContext<I>): Promise<void>;
}

export interface WorkflowDefinition<I> {
  kind: RunKind;
  /** Parses the stored run input (what `startRun` wrote), so steps get typed, validated data. */
  input: z.ZodType<I>;
  steps: readonly StepDefinition<I>[];
  /** Whether staff may cancel (compensate) a run of this workflow. */
  cancellable: boolean;
}

// biome-ignore lint/suspicious/noExplicitAny: a registry holds workflows of every input type
export type AnyWorkflow = WorkflowDefinition<any>;

export type WorkflowRegistry = Readonly<Partial<Record<RunKind, AnyWorkflow>>>;

/** Test seams. Nothing in production sets these. */
export interface EngineHooks {
  /**
   * Called after a step's effect (and at each `checkpoint`) before the step is recorded as done.
   * Throwing `CrashError` here stands for the worker process dying at that instant.
   */
  afterEffect?(point: { runId: string; stepId: string; label: string }): void | Promise<void>;
}

export type LogFn = (level: "debug" | "info" | "warn" | "error", message: string, meta?: object) => void;

export interface RunWithSteps {
  run: ProvisioningRunRow;
  steps: ProvisioningStepRow[];
}
