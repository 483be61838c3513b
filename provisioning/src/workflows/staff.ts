import { emitAudit } from "@mw/core/audit";
import { assertStaffCan } from "@mw/core/authz";
import type { PlatformCtx } from "@mw/core/context";
import type { TenantTx } from "@mw/core/db";
import { NotFoundError } from "@mw/core/errors";
import { isId } from "@mw/core/ids";
import { type ProvisioningRunRow, runKind, runStatus, tenants } from "@mw/core/schema";
import { eq } from "drizzle-orm";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { z } from "zod";
import { cancelRun, retryRun } from "../engine/runs";
import { countRunRows, listRunRows, loadRun } from "../engine/store";
import type { JobQueue, RunStatus, RunWithSteps } from "../engine/types";
import { parseInput } from "../validation";
import { WORKFLOWS } from "./registry";

const RunIdInput = z.object({ runId: z.string().refine((v) => isId("run", v), "not a provisioning run id") }).strict();

export const ListRunsInput = z
  .object({
    status: z.enum(runStatus.enumValues).optional(),
    kind: z.enum(runKind.enumValues).optional(),
    tenantId: z
      .string()
      .refine((v) => isId("tenant", v), "not a tenant id")
      .optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    /** Runs to skip, newest first: a page of the staff console's list. */
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();

export const CountRunsInput = ListRunsInput.pick({ kind: true, tenantId: true });

/** Staff actions on a run are audited in the run's tenant's chain, once that tenant exists. */
function auditRunChange(ctx: PlatformCtx, action: "provisioning.retry" | "provisioning.cancel") {
  return async (tx: PostgresJsDatabase, run: ProvisioningRunRow) => {
    if (!run.forTenantId) return;
    const [tenant] = await tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.id, run.forTenantId));
    if (!tenant) return;
    await emitAudit(
      tx as TenantTx,
      { actor: ctx.actor, requestId: ctx.requestId, ip: ctx.ip ?? null, userAgent: ctx.userAgent ?? null },
      {
        action,
        target: { type: "provisioning_run", id: run.id },
        before: { status: run.status, lastError: run.lastError },
      },
    );
  };
}

/** Staff: resume a parked run from its failed step (or resume a parked compensation). */
export async function retryProvisioningRun({
  ctx,
  input,
  worker,
}: {
  ctx: PlatformCtx;
  input: z.input<typeof RunIdInput>;
  worker: JobQueue;
}): Promise<RunWithSteps> {
  assertStaffCan(ctx.ability, "platform.provisioning.retry");
  const { runId } = parseInput(RunIdInput, input);
  return retryRun({ database: ctx.database, worker, runId, within: auditRunChange(ctx, "provisioning.retry") });
}

/** Staff: stop an unfinished onboarding and undo what it did. */
export async function cancelProvisioningRun({
  ctx,
  input,
  worker,
}: {
  ctx: PlatformCtx;
  input: z.input<typeof RunIdInput>;
  worker: JobQueue;
}): Promise<RunWithSteps> {
  assertStaffCan(ctx.ability, "platform.provisioning.retry");
  const { runId } = parseInput(RunIdInput, input);
  return cancelRun({
    database: ctx.database,
    worker,
    runId,
    workflows: WORKFLOWS,
    within: auditRunChange(ctx, "provisioning.cancel"),
  });
}

/** Staff console: one run with its steps in order. */
export async function getRun({ ctx, input }: { ctx: PlatformCtx; input: z.input<typeof RunIdInput> }) {
  assertStaffCan(ctx.ability, "platform.tenant.read");
  const { runId } = parseInput(RunIdInput, input);
  const state = await loadRun(ctx.database, runId);
  if (!state) throw new NotFoundError("No such provisioning run.");
  return state;
}

/** Staff console: how many runs there are, by status (for the list's counts and pages). */
export async function countRuns({
  ctx,
  input = {},
}: {
  ctx: PlatformCtx;
  input?: z.input<typeof CountRunsInput>;
}): Promise<{ total: number; byStatus: Partial<Record<RunStatus, number>> }> {
  assertStaffCan(ctx.ability, "platform.tenant.read");
  const filter = parseInput(CountRunsInput, input);
  return countRunRows(ctx.database, filter);
}

/** Staff console: newest runs first, each with its steps in order. */
export async function listRuns({ ctx, input = {} }: { ctx: PlatformCtx; input?: z.input<typeof ListRunsInput> }) {
  assertStaffCan(ctx.ability, "platform.tenant.read");
  const filter = parseInput(ListRunsInput, input);
  return listRunRows(ctx.database, filter);
}
