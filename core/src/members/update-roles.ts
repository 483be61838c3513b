import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { emitAudit } from "../audit/emit";
import { assertCan } from "../authz/ability";
import type { TenantCtx } from "../context";
import { membershipRoles, memberships } from "../db/schema/index";
import { NotFoundError, PreconditionFailedError } from "../errors";
import { isId } from "../ids";
import { assertMayGrant } from "../roles/escalation";
import { revokeSessionsOnAccessLoss } from "../sessions/revoke";
import { assertTenantWritable, auditCtx, tenantTx } from "../tenancy";
import { parseInput } from "../validation";
import { activeOwnerIds, getRolesByKeysOrThrow, grantsOf, rolesOfMembership } from "./queries";

export const MembershipIdSchema = z.string().refine((v) => isId("membership", v), "not a membership id");

export const UpdateMemberRolesInput = z
  .object({
    membershipId: MembershipIdSchema,
    roleKeys: z.array(z.string().min(1)).min(1, "a member needs at least one role").max(10),
  })
  .strict();

/**
 * Replace a member's roles. The actor must hold every permission of the roles added and of the
 * roles taken away (an admin cannot demote an owner), and the last owner cannot be demoted.
 * A member who loses the admin console this way is signed out of it in the same transaction.
 */
export async function updateMemberRoles({
  ctx,
  input,
}: {
  ctx: TenantCtx;
  input: z.input<typeof UpdateMemberRolesInput>;
}) {
  assertCan(ctx.ability, "member.update");
  const data = parseInput(UpdateMemberRolesInput, input);
  assertTenantWritable(ctx);
  return tenantTx(ctx, async (tx) => {
    const tenantId = ctx.tenant.id;
    const [membership] = await tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.tenantId, tenantId), eq(memberships.id, data.membershipId)));
    if (!membership) throw new NotFoundError("No such member.");
    const owners = await activeOwnerIds(tx, tenantId);
    const current = await rolesOfMembership(tx, tenantId, membership.id);
    const next = await getRolesByKeysOrThrow(tx, tenantId, [...new Set(data.roleKeys)]);
    const added = next.filter((r) => !current.some((c) => c.id === r.id));
    const removed = current.filter((c) => !next.some((r) => r.id === c.id));
    assertMayGrant(ctx, grantsOf([...added, ...removed]));
    const losesOwner = removed.some((r) => r.isSystem && r.key === "owner");
    if (losesOwner && owners.length <= 1 && owners.includes(membership.id)) {
      throw new PreconditionFailedError("This is the last owner; make someone else an owner first.");
    }
    await tx
      .delete(membershipRoles)
      .where(and(eq(membershipRoles.tenantId, tenantId), eq(membershipRoles.membershipId, membership.id)));
    await tx.insert(membershipRoles).values(next.map((r) => ({ tenantId, membershipId: membership.id, roleId: r.id })));
    await emitAudit(tx, auditCtx(ctx), {
      action: "member.update",
      target: { type: "membership", id: membership.id },
      before: { roleKeys: current.map((r) => r.key).sort() },
      after: { roleKeys: next.map((r) => r.key).sort() },
    });
    await revokeSessionsOnAccessLoss(tx, auditCtx(ctx), [
      { membershipId: membership.id, before: current, after: next },
    ]);
    return { membershipId: membership.id, roleKeys: next.map((r) => r.key).sort() };
  });
}
