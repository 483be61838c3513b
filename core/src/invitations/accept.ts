import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { emitAudit } from "../audit/emit";
import { buildMemberAbility } from "../authz/ability";
import { accessOfRoles } from "../authz/console-access";
import type { RequestMeta, TenantRef } from "../context";
import { type Database, withTenant } from "../db/client";
import { invitations, membershipRoles, memberships, roles, users } from "../db/schema/index";
import { deliverSoon, enqueueEmail } from "../email/outbox";
import { NotFoundError, PreconditionFailedError } from "../errors";
import { newId } from "../ids";
import { siteLanding } from "../sessions/landing";
import { parseInput } from "../validation";
import { displayName } from "../validation/names";
import { hashInvitationToken } from "./create";

export const AcceptInvitationInput = z
  .object({
    token: z.string().min(20, "the invitation link is incomplete").max(200),
    name: displayName("name", 100),
  })
  .strict();

/** Accepting happens on the tenant's host by someone who is not a member yet: no ability to check. */
export interface AcceptCtx extends RequestMeta {
  tenant: TenantRef;
  database: Database;
}

/**
 * Redeem an invitation: the user (found by e-mail or created) joins with the invited roles.
 * The token is looked up within the host's tenant, so another tenant's token never matches.
 * `passwordHash` is set when the person chose a password while accepting (hashed by the caller).
 */
export async function acceptInvitation({
  ctx,
  input,
  passwordHash,
  welcomeLink,
  consoleLink,
}: {
  ctx: AcceptCtx;
  input: z.input<typeof AcceptInvitationInput>;
  passwordHash?: string;
  /** When given, a branded welcome e-mail linking here is queued in the same transaction. */
  welcomeLink?: string;
  /** The admin console's sign-in for this tenant: in the welcome e-mail when the roles open the console. */
  consoleLink?: string;
}) {
  const data = parseInput(AcceptInvitationInput, input);
  if (ctx.tenant.status !== "active") throw new PreconditionFailedError(`This organization is ${ctx.tenant.status}.`);
  return withTenant(ctx.database, ctx.tenant.id, async (tx) => {
    const tenantId = ctx.tenant.id;
    const [inv] = await tx
      .select()
      .from(invitations)
      .where(and(eq(invitations.tenantId, tenantId), eq(invitations.tokenHash, hashInvitationToken(data.token))))
      .for("update");
    if (!inv) throw new NotFoundError("This invitation link is not valid.");
    if (inv.status !== "pending") throw new PreconditionFailedError(`This invitation was already ${inv.status}.`);
    if (inv.expiresAt.getTime() < Date.now())
      throw new PreconditionFailedError("This invitation has expired; ask for a new one.");

    const [existing] = await tx
      .select()
      .from(users)
      .where(and(eq(users.tenantId, tenantId), eq(users.email, inv.email)));
    const user =
      existing ??
      (
        await tx
          .insert(users)
          .values({
            id: newId("user"),
            tenantId,
            email: inv.email,
            name: data.name,
            passwordHash: passwordHash ?? null,
            emailVerifiedAt: new Date(),
          })
          .returning()
      )[0];
    if (!user) throw new Error("user insert returned no row");

    const [existingMembership] = await tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, user.id)));
    const membership =
      existingMembership ??
      (
        await tx
          .insert(memberships)
          .values({ id: newId("membership"), tenantId, userId: user.id })
          .returning()
      )[0];
    if (!membership) throw new Error("membership insert returned no row");

    const toGrant = await tx
      .select()
      .from(roles)
      .where(and(eq(roles.tenantId, tenantId), inArray(roles.key, inv.roleKeys)));
    if (toGrant.length === 0)
      throw new PreconditionFailedError("The roles of this invitation no longer exist; ask for a new one.");
    await tx
      .insert(membershipRoles)
      .values(toGrant.map((r) => ({ tenantId, membershipId: membership.id, roleId: r.id })))
      .onConflictDoNothing();
    await tx
      .update(invitations)
      .set({ status: "accepted", acceptedAt: new Date(), acceptedUserId: user.id, updatedAt: new Date() })
      .where(and(eq(invitations.tenantId, tenantId), eq(invitations.id, inv.id)));
    await emitAudit(
      tx,
      {
        actor: { type: "user", userId: user.id, membershipId: membership.id },
        requestId: ctx.requestId,
        ip: ctx.ip ?? null,
        userAgent: ctx.userAgent ?? null,
      },
      {
        action: "invitation.accept",
        target: { type: "invitation", id: inv.id },
        after: { userId: user.id, membershipId: membership.id, roleKeys: toGrant.map((r) => r.key) },
      },
    );
    if (welcomeLink) {
      // Delivered at commit like the sign-up's welcome, not a minute later by the outbox sweep: it
      // is where a new admin finds the way to the console.
      // Someone whose roles read nothing on the site (a billing manager) is welcomed into the
      // console, where their work is, instead of to a page that would answer 403.
      const opensConsole = consoleLink !== undefined && accessOfRoles(toGrant).console;
      const readsSite = siteLanding(buildMemberAbility({ userId: user.id, roles: toGrant })) !== null;
      const mail = await enqueueEmail(tx, {
        template: "welcome",
        to: user.email,
        payload:
          opensConsole && !readsSite
            ? { link: consoleLink as string }
            : { link: welcomeLink, ...(opensConsole ? { consoleLink } : {}) },
        idempotencyKey: `welcome:${membership.id}`,
      });
      await deliverSoon(tx, mail);
    }
    return { user, membership, roleKeys: toGrant.map((r) => r.key) };
  });
}
