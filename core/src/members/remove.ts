import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { emitAudit } from "../audit/emit";
import { assertCan } from "../authz/ability";
import type { TenantCtx } from "../context";
import { memberships } from "../db/schema/index";
import { NotFoundError, PreconditionFailedError } from "../errors";
import { assertMayGrant } from "../roles/escalation";
import { revokeSessionsFor } from "../sessions/revoke";
import { assertTenantWritable, auditCtx, tenantTx } from "../tenancy";
import { parseInput } from "../validation";
import { activeOwnerIds, grantsOf, rolesOfMembership } from "./queries";
import { MembershipIdSchema } from "./update-roles";

export const RemoveMemberInput = z.object({ membershipId: MembershipIdSchema }).strict();

/**
 * Remove a member from the tenant (their user record stays, for the audit trail and re-invites).
 * Their sessions end in the same transaction.
 */
export async function removeMember({ ctx, input }: { ctx: TenantCtx; input: z.input<typeof RemoveMemberInput> }) {
  assertCan(ctx.ability, "member.remove");
  const { membershipId } = parseInput(RemoveMemberInput, input);
  assertTenantWritable(ctx);
  return tenantTx(ctx, async (tx) => {
    const tenantId = ctx.tenant.id;
    const [membership] = await tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.tenantId, tenantId), eq(memberships.id, membershipId)));
    if (!membership) throw new NotFoundError("No such member.");
    const owners = await activeOwnerIds(tx, tenantId);
    const held = await rolesOfMembership(tx, tenantId, membershipId);
    assertMayGrant(ctx, grantsOf(held));
    if (owners.includes(membershipId) && owners.length <= 1) {
      throw new PreconditionFailedError("The last owner cannot be removed; make someone else an owner first.");
    }
    await tx.delete(memberships).where(and(eq(memberships.tenantId, tenantId), eq(memberships.id, membershipId)));
    await emitAudit(tx, auditCtx(ctx), {
      action: "member.remove",
      target: { type: "membership", id: membershipId },
      before: { userId: membership.userId, roleKeys: held.map((r) => r.key).sort() },
    });
    await revokeSessionsFor(tx, auditCtx(ctx), { membershipId }, { reason: "member_removed" });
    return { id: membershipId };
  });
}
