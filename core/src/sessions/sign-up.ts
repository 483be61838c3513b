import { and, count, eq } from "drizzle-orm";
import { z } from "zod";
import { emitAudit } from "../audit/emit";
import { withTenant } from "../db/client";
import { membershipRoles, memberships, roles, users } from "../db/schema/index";
import { enqueueEmail } from "../email/outbox";
import { ConflictError, LimitExceededError, PreconditionFailedError } from "../errors";
import { newId } from "../ids";
import { EmailSchema } from "../invitations/create";
import { AUTH_POLICIES, authThrottle, limiterKeys } from "../rate-limit/index";
import { parseInput } from "../validation";
import { displayName } from "../validation/names";
import type { AuthCtx } from "./context";
import { createSession } from "./create-session";
import { hashPassword, PasswordSchema } from "./password";

export const SignUpInput = z
  .object({
    name: displayName("name", 100),
    email: EmailSchema,
    password: PasswordSchema,
  })
  .strict();

/** Self sign-up joins as a Member: members may add artists and events and edit their own. */
export const SIGN_UP_ROLE = "member";

/**
 * Open sign-up on a tenant's own host: a user of this tenant only, a membership with the Member
 * role, and a session — all in one transaction, audited, within the plan's member limit.
 */
export async function signUpWithPassword({
  ctx,
  input,
  welcomeLink,
}: {
  ctx: AuthCtx;
  input: z.input<typeof SignUpInput>;
  /** When given, a branded welcome e-mail linking here is queued in the same transaction. */
  welcomeLink?: string;
}) {
  const data = parseInput(SignUpInput, input);
  if (ctx.tenant.status !== "active") throw new PreconditionFailedError(`This organization is ${ctx.tenant.status}.`);
  const attempt = await authThrottle(ctx.database).begin(AUTH_POLICIES.signUp, {
    accountKey: limiterKeys.tenantAccount(ctx.tenant.id, data.email),
    accountLabel: data.email,
    ip: ctx.ip ?? null,
    tenantId: ctx.tenant.id,
    userAgent: ctx.userAgent ?? null,
    requestId: ctx.requestId,
  });
  const passwordHash = await hashPassword(data.password);
  const created = await withTenant(ctx.database, ctx.tenant.id, async (tx) => {
    const tenantId = ctx.tenant.id;
    // Serialize sign-ups per tenant so two at once cannot both pass the member limit.
    await tx.$sql`select pg_advisory_xact_lock(hashtext(${`${tenantId}:members`}))`;
    const [existing] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.tenantId, tenantId), eq(users.email, data.email)));
    if (existing) throw new ConflictError("An account with this e-mail already exists. Sign in instead.");
    const max = ctx.entitlements.limits.members;
    if (max !== null) {
      const [row] = await tx.select({ n: count() }).from(memberships).where(eq(memberships.tenantId, tenantId));
      if ((row?.n ?? 0) >= max) {
        throw new LimitExceededError("This organization cannot accept new members right now.", "members", max);
      }
    }
    const [role] = await tx
      .select()
      .from(roles)
      .where(and(eq(roles.tenantId, tenantId), eq(roles.key, SIGN_UP_ROLE)));
    if (!role) throw new PreconditionFailedError("Sign-up is not available for this organization.");
    const userId = newId("user");
    const membershipId = newId("membership");
    await tx.insert(users).values({ id: userId, tenantId, email: data.email, name: data.name, passwordHash });
    await tx.insert(memberships).values({ id: membershipId, tenantId, userId });
    await tx.insert(membershipRoles).values({ tenantId, membershipId, roleId: role.id });
    const session = await createSession(tx, {
      userId,
      method: "signup",
      ip: ctx.ip ?? null,
      userAgent: ctx.userAgent ?? null,
    });
    await emitAudit(
      tx,
      {
        actor: { type: "user", userId, membershipId },
        requestId: ctx.requestId,
        ip: ctx.ip ?? null,
        userAgent: ctx.userAgent ?? null,
      },
      {
        action: "user.signup",
        target: { type: "user", id: userId },
        after: { email: data.email, name: data.name, roleKeys: [SIGN_UP_ROLE] },
      },
    );
    if (welcomeLink) {
      await enqueueEmail(tx, {
        template: "welcome",
        to: data.email,
        payload: { link: welcomeLink },
        idempotencyKey: `welcome:${membershipId}`,
      });
    }
    return { userId, membershipId, ...session };
  });
  await attempt.succeed();
  return created;
}
