import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { emitAudit } from "../audit/emit";
import { assertCan } from "../authz/ability";
import { type Grant, GrantsSchema } from "../authz/permissions";
import type { TenantCtx } from "../context";
import type { TenantTx } from "../db/client";
import { type RoleRow, roles } from "../db/schema/index";
import { NotFoundError, PreconditionFailedError } from "../errors";
import { isId } from "../ids";
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
    return after as RoleRow;
  });
}
