import { index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { timestamps } from "./columns";

export const runKind = pgEnum("provisioning_run_kind", ["onboard", "offboard", "reconcile"]);
export const runStatus = pgEnum("provisioning_run_status", [
  "pending",
  "running",
  "succeeded",
  "parked",
  "cancelling",
  "cancelled",
]);
export const stepStatus = pgEnum("provisioning_step_status", [
  "pending",
  "running",
  "succeeded",
  "failed",
  "compensated",
  "skipped",
]);

/**
 * Platform table: a durable workflow run (onboard / offboard / reconcile). Not tenant-owned — staff
 * watch every run and tenants never read them — so it names its tenant `for_tenant_id` and lives
 * outside RLS, like `tenants`.
 */
export const provisioningRuns = pgTable(
  "provisioning_runs",
  {
    id: text("id").primaryKey(),
    kind: runKind("kind").notNull(),
    forTenantId: text("for_tenant_id"),
    status: runStatus("status").notNull().default("pending"),
    /** What the run was asked to do (validated input of its workflow). */
    input: jsonb("input").notNull(),
    currentStep: text("current_step"),
    lastError: text("last_error"),
    createdBy: text("created_by").notNull(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [
    index("provisioning_runs_status_idx").on(t.status, t.createdAt),
    index("provisioning_runs_tenant_idx").on(t.forTenantId),
  ],
);

export const provisioningSteps = pgTable(
  "provisioning_steps",
  {
    runId: text("run_id")
      .notNull()
      .references(() => provisioningRuns.id, { onDelete: "cascade" }),
    stepId: text("step_id").notNull(),
    position: integer("position").notNull(),
    status: stepStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    output: jsonb("output"),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.runId, t.stepId] })],
);

export type ProvisioningRunRow = typeof provisioningRuns.$inferSelect;
export type ProvisioningStepRow = typeof provisioningSteps.$inferSelect;
