import type { Database } from "@mw/core/db";
import { type ProvisioningRunRow, provisioningRuns, provisioningSteps } from "@mw/core/schema";
import { and, asc, count, desc, eq, inArray, type SQL } from "drizzle-orm";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import type { RunKind, RunStatus, RunWithSteps } from "./types";

/**
 * Bookkeeping of runs and steps (platform tables, no RLS). Each write is one statement, so the
 * staff console sees every transition the moment it happens.
 */

/** Prefix of `current_step` while a run compensates: retrying a parked run then resumes the undo. */
export const COMPENSATING = "compensate:";

export async function insertRun(
  tx: PostgresJsDatabase,
  run: { id: string; kind: RunKind; forTenantId: string | null; input: unknown; createdBy: string; stepIds: string[] },
): Promise<ProvisioningRunRow> {
  const [row] = await tx
    .insert(provisioningRuns)
    .values({
      id: run.id,
      kind: run.kind,
      forTenantId: run.forTenantId,
      status: "pending",
      input: run.input,
      createdBy: run.createdBy,
    })
    .returning();
  if (!row) throw new Error("run insert returned no row");
  await tx
    .insert(provisioningSteps)
    .values(run.stepIds.map((stepId, position) => ({ runId: run.id, stepId, position, status: "pending" as const })));
  return row;
}

export async function loadRun(database: Database, runId: string): Promise<RunWithSteps | null> {
  const [run] = await database.db.select().from(provisioningRuns).where(eq(provisioningRuns.id, runId));
  if (!run) return null;
  const steps = await database.db
    .select()
    .from(provisioningSteps)
    .where(eq(provisioningSteps.runId, runId))
    .orderBy(asc(provisioningSteps.position));
  return { run, steps };
}

export async function listRunRows(
  database: Database,
  filter: {
    status?: RunStatus | undefined;
    kind?: RunKind | undefined;
    tenantId?: string | undefined;
    limit: number;
    offset?: number | undefined;
  },
): Promise<RunWithSteps[]> {
  const where: SQL[] = [];
  if (filter.status) where.push(eq(provisioningRuns.status, filter.status));
  if (filter.kind) where.push(eq(provisioningRuns.kind, filter.kind));
  if (filter.tenantId) where.push(eq(provisioningRuns.forTenantId, filter.tenantId));
  const runs = await database.db
    .select()
    .from(provisioningRuns)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(provisioningRuns.createdAt), desc(provisioningRuns.id))
    .limit(filter.limit)
    .offset(filter.offset ?? 0);
  if (runs.length === 0) return [];
  const steps = await database.db
    .select()
    .from(provisioningSteps)
    .where(
      inArray(
        provisioningSteps.runId,
        runs.map((r) => r.id),
      ),
    )
    .orderBy(asc(provisioningSteps.runId), asc(provisioningSteps.position));
  return runs.map((run) => ({ run, steps: steps.filter((s) => s.runId === run.id) }));
}

/** Runs by status (with the same kind/tenant filter as `listRunRows`), and their total. */
export async function countRunRows(
  database: Database,
  filter: { kind?: RunKind | undefined; tenantId?: string | undefined },
): Promise<{ total: number; byStatus: Partial<Record<RunStatus, number>> }> {
  const where: SQL[] = [];
  if (filter.kind) where.push(eq(provisioningRuns.kind, filter.kind));
  if (filter.tenantId) where.push(eq(provisioningRuns.forTenantId, filter.tenantId));
  const rows = await database.db
    .select({ status: provisioningRuns.status, n: count() })
    .from(provisioningRuns)
    .where(where.length ? and(...where) : undefined)
    .groupBy(provisioningRuns.status);
  const byStatus: Partial<Record<RunStatus, number>> = {};
  for (const r of rows) byStatus[r.status] = r.n;
  return { total: rows.reduce((sum, r) => sum + r.n, 0), byStatus };
}

/** The step starts (again): one more attempt; a pending run becomes running. */
export async function markStepRunning(database: Database, runId: string, stepId: string): Promise<void> {
  await database.sql`
    with step as (
      update provisioning_steps
         set status = 'running', attempts = attempts + 1, started_at = now(), finished_at = null
       where run_id = ${runId} and step_id = ${stepId}
      returning step_id
    )
    update provisioning_runs
       set status = case when status = 'pending' then 'running'::provisioning_run_status else status end,
           current_step = (select step_id from step), updated_at = now()
     where id = ${runId}`;
}

/**
 * Records the step's output. When it was the last step and nobody asked to cancel meanwhile, the
 * run succeeds in the same statement. Returns the run's status afterwards.
 */
export async function markStepSucceeded(
  database: Database,
  runId: string,
  stepId: string,
  output: unknown,
  isLast: boolean,
): Promise<RunStatus | null> {
  const [row] = await database.sql<{ status: RunStatus }[]>`
    with step as (
      update provisioning_steps
         set status = 'succeeded', output = ${output === undefined ? null : JSON.stringify(output)}::jsonb,
             last_error = null, finished_at = now()
       where run_id = ${runId} and step_id = ${stepId}
      returning step_id
    )
    update provisioning_runs
       set status = case when ${isLast} and status = 'running' then 'succeeded'::provisioning_run_status else status end,
           finished_at = case when ${isLast} and status = 'running' then now() else finished_at end,
           current_step = case when ${isLast} and status = 'running' then null else current_step end,
           last_error = null, updated_at = now()
     where id = ${runId} and exists (select 1 from step)
    returning status`;
  return row?.status ?? null;
}

/** An attempt failed; with `park` the run stops for staff, otherwise graphile-worker retries. */
export async function recordStepFailure(
  database: Database,
  runId: string,
  stepId: string,
  message: string,
  park: boolean,
): Promise<void> {
  await database.sql`
    with step as (
      update provisioning_steps
         set last_error = ${message},
             status = case when ${park} then 'failed'::provisioning_step_status else status end,
             finished_at = case when ${park} then now() else finished_at end
       where run_id = ${runId} and step_id = ${stepId}
      returning step_id
    )
    update provisioning_runs
       set last_error = ${`${stepId}: ${message}`},
           status = case when ${park} and status in ('pending', 'running') then 'parked'::provisioning_run_status
                         else status end,
           updated_at = now()
     where id = ${runId}`;
}

export async function markRunSucceeded(database: Database, runId: string): Promise<void> {
  await database.sql`
    update provisioning_runs
       set status = 'succeeded', finished_at = now(), current_step = null, last_error = null, updated_at = now()
     where id = ${runId} and status in ('pending', 'running')`;
}

export async function setCompensating(database: Database, runId: string, stepId: string): Promise<void> {
  await database.sql`
    update provisioning_runs set current_step = ${COMPENSATING + stepId}, updated_at = now()
     where id = ${runId} and status = 'cancelling'`;
}

export async function setStepStatus(
  database: Database,
  runId: string,
  stepId: string,
  status: "compensated" | "skipped",
): Promise<void> {
  await database.sql`
    update provisioning_steps set status = ${status}, finished_at = now()
     where run_id = ${runId} and step_id = ${stepId}`;
}

export async function recordCompensationFailure(
  database: Database,
  runId: string,
  stepId: string,
  message: string,
  park: boolean,
): Promise<void> {
  await database.sql`
    update provisioning_runs
       set last_error = ${`compensating ${stepId}: ${message}`},
           status = case when ${park} then 'parked'::provisioning_run_status else status end,
           updated_at = now()
     where id = ${runId} and status = 'cancelling'`;
}

export async function markRunCancelled(database: Database, runId: string): Promise<void> {
  await database.sql`
    update provisioning_runs
       set status = 'cancelled', finished_at = now(), current_step = null, last_error = null, updated_at = now()
     where id = ${runId} and status = 'cancelling'`;
}

export async function parkRun(database: Database, runId: string, message: string): Promise<void> {
  await database.sql`
    update provisioning_runs set status = 'parked', last_error = ${message}, updated_at = now()
     where id = ${runId} and status in ('pending', 'running', 'cancelling')`;
}
