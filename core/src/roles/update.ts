import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { emitAudit } from "../audit/emit";
import { assertCan } from "../authz/ability";
import { type Grant, GrantsSchema } from "../authz/permissions";
import type { TenantCtx } from "../context";
import type { TenantTx } from "../db/client";
import { membershipRoles, type RoleRow, roles } from "../db/schema/index";
import { NotFoundError, PreconditionFailedError } from "../errors";
import { isId } from "../ids";
import { revokeSessionsOnAccessLoss } from "../sessions/revoke";
import { assertTenantWritable, auditCtx, tenantTx } from "../tenancy";
import { parseInput } from "../validation";
import { displayName, lineText } from "../validation/names";
import { assertMayGrant } from "./escalation";

const RoleId = z.string().refine((v) => isId("role", v), "not a role id");

export const UpdateRoleInput = z
  .object({
    roleId: RoleId,
    name: displayName("name", 60).optional(),
    description: lineText("description", 300).optional(),
    grants: GrantsSchema.optional(),
  })
  .strict();

/** The custom role, locked for the rest of the transaction; system roles are immutable. */
export async function getCustomRoleForUpdateOrThrow(tx: TenantTx, tenantId: string, roleId: string): Promise<RoleRow> {
  const [role] = await tx
    .select()
    .from(roles)
    .where(and(eq(roles.tenantId, tenantId), eq(roles.id, roleId)))
    .for("update");
  if (!role) throw new NotFoundError("No such role.");
  if (role.isSystem) throw new PreconditionFailedError(`"${role.name}" is a system role and cannot be changed.`);
  return role;
}

export async function updateRole({ ctx, input }: { ctx: TenantCtx; input: z.input<typeof UpdateRoleInput> }) {
  assertCan(ctx.ability, "role.update");
  const data = parseInput(UpdateRoleInput, input);
  assertTenantWritable(ctx);
  return tenantTx(ctx, async (tx) => {
    const before = await getCustomRoleForUpdateOrThrow(tx, ctx.tenant.id, data.roleId);
    if (data.grants) {
      // Only what is being added needs the actor to hold it; removing a grant is always safe.
      const added = data.grants.filter((g) => !before.grants.includes(g));
      assertMayGrant(ctx, added as Grant[]);
    }
    const [after] = await tx
      .update(roles)
      .set({
        ...(data.name !== undefined ? { name: data.name } : {}),
        ...(data.description !== undefined ? { description: data.description } : {}),
        ...(data.grants !== undefined ? { grants: [...data.grants] } : {}),
        updatedAt: new Date(),
      })
      .where(and(eq(roles.tenantId, ctx.tenant.id), eq(roles.id, data.roleId)))
      .returning();
    await emitAudit(tx, auditCtx(ctx), {
      action: "role.update",
      target: { type: "role", id: data.roleId },
      before,
      after,
    });
    if (data.grants !== undefined) await endSessionsOfHoldersLosingAccess(tx, ctx, before);
    return after as RoleRow;
  });
}

/**
 * Grants were taken out of a role: its holders whose roles together no longer open the admin
 * console (or anything) are signed out of it in this transaction. Runs after the role's update.
 */
async function endSessionsOfHoldersLosingAccess(tx: TenantTx, ctx: TenantCtx, before: RoleRow): Promise<void> {
  const tenantId = ctx.tenant.id;
  const holders = tx
    .select({ membershipId: membershipRoles.membershipId })
    .from(membershipRoles)
    .where(and(eq(membershipRoles.tenantId, tenantId), eq(membershipRoles.roleId, before.id)));
  const held = await tx
    .select({ membershipId: membershipRoles.membershipId, id: roles.id, key: roles.key, grants: roles.grants })
    .from(membershipRoles)
    .innerJoin(roles, and(eq(roles.tenantId, membershipRoles.tenantId), eq(roles.id, membershipRoles.roleId)))
    .where(and(eq(membershipRoles.tenantId, tenantId), inArray(membershipRoles.membershipId, holders)));
  const byMember = new Map<string, typeof held>();
  for (const row of held) byMember.set(row.membershipId, [...(byMember.get(row.membershipId) ?? []), row]);
  await revokeSessionsOnAccessLoss(
    tx,
    auditCtx(ctx),
    [...byMember].map(([membershipId, now]) => ({
      membershipId,
      before: now.map((r) => (r.id === before.id ? { ...r, grants: before.grants } : r)),
      after: now,
    })),
  );
}
