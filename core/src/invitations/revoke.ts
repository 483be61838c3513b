import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { emitAudit } from "../audit/emit";
import { assertCan } from "../authz/ability";
import type { TenantCtx } from "../context";
import { invitations } from "../db/schema/index";
import { NotFoundError, PreconditionFailedError } from "../errors";
import { isId } from "../ids";
import { assertTenantWritable, auditCtx, tenantTx } from "../tenancy";
import { parseInput } from "../validation";

export const RevokeInvitationInput = z
  .object({ invitationId: z.string().refine((v) => isId("invitation", v), "not an invitation id") })
  .strict();

export async function revokeInvitation({
  ctx,
  input,
}: {
  ctx: TenantCtx;
  input: z.input<typeof RevokeInvitationInput>;
}) {
  assertCan(ctx.ability, "invitation.revoke");
  const { invitationId } = parseInput(RevokeInvitationInput, input);
  assertTenantWritable(ctx);
  return tenantTx(ctx, async (tx) => {
    const [before] = await tx
      .select()
      .from(invitations)
      .where(and(eq(invitations.tenantId, ctx.tenant.id), eq(invitations.id, invitationId)))
      .for("update");
    if (!before) throw new NotFoundError("No such invitation.");
    if (before.status !== "pending") throw new PreconditionFailedError(`This invitation is already ${before.status}.`);
    const [after] = await tx
      .update(invitations)
      .set({ status: "revoked", updatedAt: new Date() })
      .where(and(eq(invitations.tenantId, ctx.tenant.id), eq(invitations.id, invitationId)))
      .returning();
    await emitAudit(tx, auditCtx(ctx), {
      action: "invitation.revoke",
      target: { type: "invitation", id: invitationId },
      before: { status: before.status, email: before.email },
      after: { status: "revoked" },
    });
    return after;
  });
}
