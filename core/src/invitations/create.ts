import { createHash, randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { emitAudit } from "../audit/emit";
import { assertCan } from "../authz/ability";
import { actorId, type TenantCtx } from "../context";
import type { TenantTx } from "../db/client";
import { pgErrorCode, UNIQUE_VIOLATION } from "../db/errors";
import { type InvitationRow, invitations, memberships, users } from "../db/schema/index";
import { ConflictError } from "../errors";
import { newId } from "../ids";
import { getRolesByKeysOrThrow, grantsOf } from "../members/queries";
import { assertMayGrant } from "../roles/escalation";
import { assertTenantWritable, auditCtx, tenantTx } from "../tenancy";
import { parseInput } from "../validation";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export const EmailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email("enter a valid e-mail address"));

export const InviteMemberInput = z
  .object({
    email: EmailSchema,
    roleKeys: z.array(z.string().min(1)).min(1, "choose at least one role").max(10),
  })
  .strict();

export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/**
 * Runs inside the invitation's transaction, after the row and its audit event: a transport enqueues
 * the invitation e-mail here (outbox row), so the e-mail exists if and only if the invitation does.
 * Throwing rolls the invitation back.
 */
export type AfterInvitationInsert = (
  tx: TenantTx,
  created: { invitation: InvitationRow; token: string },
) => Promise<void>;

/**
 * Invite someone by e-mail. Returns the one-time token for the e-mail link; only its hash is stored.
 * The inviter must hold every permission of the roles offered.
 */
export async function inviteMember({
  ctx,
  input,
  afterInsert,
}: {
  ctx: TenantCtx;
  input: z.input<typeof InviteMemberInput>;
  afterInsert?: AfterInvitationInsert;
}) {
  assertCan(ctx.ability, "member.invite");
  const data = parseInput(InviteMemberInput, input);
  assertTenantWritable(ctx);
  const token = randomBytes(32).toString("base64url");
  try {
    const invitation = await tenantTx(ctx, async (tx) => {
      const tenantId = ctx.tenant.id;
      const offered = await getRolesByKeysOrThrow(tx, tenantId, [...new Set(data.roleKeys)]);
      assertMayGrant(ctx, grantsOf(offered));
      const [member] = await tx
        .select({ id: memberships.id })
        .from(memberships)
        .innerJoin(users, and(eq(users.tenantId, memberships.tenantId), eq(users.id, memberships.userId)))
        .where(and(eq(memberships.tenantId, tenantId), eq(users.email, data.email)));
      if (member) throw new ConflictError(`${data.email} is already a member.`);
      const [row] = await tx
        .insert(invitations)
        .values({
          id: newId("invitation"),
          tenantId,
          email: data.email,
          roleKeys: offered.map((r) => r.key),
          tokenHash: hashInvitationToken(token),
          invitedBy: actorId(ctx.actor),
          expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
        })
        .returning();
      if (!row) throw new Error("invitation insert returned no row");
      await emitAudit(tx, auditCtx(ctx), {
        action: "invitation.create",
        target: { type: "invitation", id: row.id },
        after: { email: row.email, roleKeys: row.roleKeys, expiresAt: row.expiresAt },
      });
      if (afterInsert) await afterInsert(tx, { invitation: row, token });
      return row;
    });
    return { invitation, token };
  } catch (err) {
    if (pgErrorCode(err) === UNIQUE_VIOLATION) {
      throw new ConflictError(`${data.email} already has a pending invitation; revoke it to send a new one.`);
    }
    throw err;
  }
}
