import { and, count, eq } from "drizzle-orm";
import { z } from "zod";
import { emitAudit } from "../audit/emit";
import { assertCan } from "../authz/ability";
import type { TenantCtx } from "../context";
import { membershipRoles, roles } from "../db/schema/index";
import { ConflictError } from "../errors";
import { isId } from "../ids";
import { assertTenantWritable, auditCtx, tenantTx } from "../tenancy";
import { parseInput } from "../validation";
import { getCustomRoleForUpdateOrThrow } from "./update";

export const DeleteRoleInput = z
  .object({ roleId: z.string().refine((v) => isId("role", v), "not a role id") })
  .strict();

/** Delete a custom role that nobody holds; members must be moved off it first. */
export async function deleteRole({ ctx, input }: { ctx: TenantCtx; input: z.input<typeof DeleteRoleInput> }) {
  assertCan(ctx.ability, "role.delete");
  const { roleId } = parseInput(DeleteRoleInput, input);
  assertTenantWritable(ctx);
  return tenantTx(ctx, async (tx) => {
    const role = await getCustomRoleForUpdateOrThrow(tx, ctx.tenant.id, roleId);
    const [holders] = await tx
      .select({ n: count() })
      .from(membershipRoles)
      .where(and(eq(membershipRoles.tenantId, ctx.tenant.id), eq(membershipRoles.roleId, roleId)));
    if (holders && holders.n > 0) {
      throw new ConflictError(`"${role.name}" is held by ${holders.n} member(s); change their roles first.`);
    }
    await tx.delete(roles).where(and(eq(roles.tenantId, ctx.tenant.id), eq(roles.id, roleId)));
    await emitAudit(tx, auditCtx(ctx), { action: "role.delete", target: { type: "role", id: roleId }, before: role });
    return { id: roleId };
  });
}
