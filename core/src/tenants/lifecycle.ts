import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { emitAudit } from "../audit/emit";
import { assertStaffCan } from "../authz/ability";
import type { StaffPermission } from "../authz/staff-roles";
import type { PlatformCtx } from "../context";
import { type TenantStatus, tenants } from "../db/schema/index";
import { NotFoundError, PreconditionFailedError } from "../errors";
import { isId } from "../ids";
import { revokeSessionsFor } from "../sessions/revoke";
import { auditCtx, platformTenantTx } from "../tenancy";
import { parseInput } from "../validation";
import { rejectUnsafeText } from "../validation/names";

const TenantIdInput = z.object({ tenantId: z.string().refine((v) => isId("tenant", v), "not a tenant id") });

const SuspendInput = TenantIdInput.extend({
  reason: z
    .string()
    .trim()
    .min(3, "give a reason (at least 3 characters)")
    .max(500)
    .superRefine(rejectUnsafeText("reason", "multiline")),
}).strict();

interface Transition {
  action: "tenant.activate" | "tenant.suspend" | "tenant.resume";
  permission: StaffPermission;
  from: readonly TenantStatus[];
  to: TenantStatus;
}

const TRANSITIONS = {
  activate: { action: "tenant.activate", permission: "platform.tenant.create", from: ["provisioning"], to: "active" },
  suspend: { action: "tenant.suspend", permission: "platform.tenant.suspend", from: ["active"], to: "suspended" },
  resume: { action: "tenant.resume", permission: "platform.tenant.suspend", from: ["suspended"], to: "active" },
} as const satisfies Record<string, Transition>;

async function transition(ctx: PlatformCtx, t: Transition, tenantId: string, reason: string | null) {
  return platformTenantTx(ctx, tenantId, async (tx) => {
    const [before] = await tx.select().from(tenants).where(eq(tenants.id, tenantId)).for("update");
    if (!before) throw new NotFoundError("No such tenant.");
    if (!t.from.includes(before.status)) {
      throw new PreconditionFailedError(`A ${before.status} tenant cannot be moved to ${t.to}.`);
    }
    const [after] = await tx
      .update(tenants)
      .set({ status: t.to, suspendedReason: t.to === "suspended" ? reason : null, updatedAt: new Date() })
      .where(and(eq(tenants.id, tenantId), eq(tenants.status, before.status)))
      .returning();
    await emitAudit(tx, auditCtx(ctx), { action: t.action, target: { type: "tenant", id: tenantId }, before, after });
    // Nobody stays signed in to a suspended tenant (site or console); resuming does not revive them.
    if (t.to === "suspended") {
      await revokeSessionsFor(tx, auditCtx(ctx), { allMembers: true }, { reason: "tenant_suspended" });
    }
    return after;
  });
}

/** Last step of provisioning: the tenant starts serving. */
export async function activateTenant({ ctx, input }: { ctx: PlatformCtx; input: { tenantId: string } }) {
  assertStaffCan(ctx.ability, TRANSITIONS.activate.permission);
  const { tenantId } = parseInput(TenantIdInput.strict(), input);
  return transition(ctx, TRANSITIONS.activate, tenantId, null);
}

export async function suspendTenant({ ctx, input }: { ctx: PlatformCtx; input: { tenantId: string; reason: string } }) {
  assertStaffCan(ctx.ability, TRANSITIONS.suspend.permission);
  const { tenantId, reason } = parseInput(SuspendInput, input);
  return transition(ctx, TRANSITIONS.suspend, tenantId, reason);
}

export async function resumeTenant({ ctx, input }: { ctx: PlatformCtx; input: { tenantId: string } }) {
  assertStaffCan(ctx.ability, TRANSITIONS.resume.permission);
  const { tenantId } = parseInput(TenantIdInput.strict(), input);
  return transition(ctx, TRANSITIONS.resume, tenantId, null);
}
