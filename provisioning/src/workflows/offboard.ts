import { emitAudit } from "@mw/core/audit";
import { assertStaffCan } from "@mw/core/authz";
import { actorId, type PlatformCtx } from "@mw/core/context";
import { NotFoundError, PreconditionFailedError } from "@mw/core/errors";
import { provisioningRuns, tenants } from "@mw/core/schema";
import { revokeSessionsFor } from "@mw/core/sessions";
import { and, eq, inArray, ne } from "drizzle-orm";
import { startRun } from "../engine/runs";
import type { JobQueue, RunWithSteps, WorkflowDefinition } from "../engine/types";
import * as cancelSubscription from "../steps/cancel-subscription";
import * as exportData from "../steps/export-data";
import * as removeDomains from "../steps/remove-domains";
import * as softDelete from "../steps/soft-delete";
import { parseInput } from "../validation";
import { OffboardInput, OffboardRunInput } from "./inputs";

/**
 * Offboarding: release custom domains → cancel the Stripe subscription → export the tenant's data →
 * soft-delete. Not cancellable:
 * its effects (domains released at the vendor, the tenant frozen) are not worth automating an undo
 * for; a parked run is retried, and a mistaken offboarding is repaired by staff by hand.
 */
export const offboardWorkflow: WorkflowDefinition<OffboardRunInput> = {
  kind: "offboard",
  input: OffboardRunInput,
  steps: [removeDomains, cancelSubscription, exportData, softDelete],
  cancellable: false,
};

const UNFINISHED = ["pending", "running", "parked", "cancelling"] as const;

/**
 * Staff: offboard a tenant. In the run's own transaction the tenant turns `offboarding` — its
 * members can no longer change anything, so the export is the final state — and the decision is
 * audited (`tenant.offboard`, with the reason) in the tenant's chain.
 */
export async function startOffboarding({
  ctx,
  input,
  worker,
}: {
  ctx: PlatformCtx;
  input: OffboardInput;
  worker: JobQueue;
}): Promise<RunWithSteps> {
  assertStaffCan(ctx.ability, "platform.tenant.offboard");
  const data = parseInput(OffboardInput, input);
  return startRun({
    database: ctx.database,
    workflow: offboardWorkflow,
    input: data,
    createdBy: actorId(ctx.actor),
    worker,
    forTenantId: data.tenantId,
    within: async (tx, run) => {
      const [before] = await tx.select().from(tenants).where(eq(tenants.id, data.tenantId)).for("update");
      if (!before) throw new NotFoundError("No such tenant.");
      if (before.status === "offboarding" || before.status === "deleted") {
        throw new PreconditionFailedError(`This tenant is already ${before.status}.`);
      }
      const [other] = await tx
        .select({ id: provisioningRuns.id, kind: provisioningRuns.kind })
        .from(provisioningRuns)
        .where(
          and(
            eq(provisioningRuns.forTenantId, data.tenantId),
            inArray(provisioningRuns.status, [...UNFINISHED]),
            ne(provisioningRuns.id, run.id),
          ),
        );
      if (other) {
        throw new PreconditionFailedError(
          `Run ${other.id} (${other.kind}) is not finished; complete or cancel it first.`,
        );
      }
      await tx
        .update(tenants)
        .set({ status: "offboarding", updatedAt: new Date() })
        .where(eq(tenants.id, data.tenantId));
      const audit = {
        actor: ctx.actor,
        requestId: ctx.requestId,
        ip: ctx.ip ?? null,
        userAgent: ctx.userAgent ?? null,
      };
      await emitAudit(tx, audit, {
        action: "tenant.offboard",
        target: { type: "tenant", id: data.tenantId },
        before: { status: before.status },
        after: { status: "offboarding", reason: data.reason, runId: run.id },
      });
      await revokeSessionsFor(tx, audit, { allMembers: true }, { reason: "tenant_offboarded" });
    },
  });
}
