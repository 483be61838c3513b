import { and, count, eq, gt, isNull } from "drizzle-orm";
import { z } from "zod";
import { emitAudit } from "../audit/emit";
import { randomToken, sha256Hex } from "../crypto/tokens";
import { type TenantTx, withTenant } from "../db/client";
import { membershipRoles, memberships, roles, signupRequests, users } from "../db/schema/index";
import { deliverSoon, enqueueEmail } from "../email/outbox";
import { LimitExceededError, PreconditionFailedError, UnauthenticatedError } from "../errors";
import { newId } from "../ids";
import { EmailSchema } from "../invitations/create";
import { limitFor } from "../plans/availability";
import { AUTH_POLICIES, authThrottle, guardTokenRedeem, limiterKeys } from "../rate-limit/index";
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
export const SIGN_UP_CONFIRM_TTL_MS = 60 * 60 * 1000;

/** The one answer of `signUpWithPassword`, whatever the address: see ADR 0007. */
export interface SignUpRequested {
  status: "confirmation_sent";
  email: string;
  expiresInMinutes: number;
}

/**
 * Open sign-up on a tenant's own host, step one. The answer and the work are the same whether or
 * not the address already has an account (ADR 0007): a new address gets a confirmation link and
 * nothing else exists until it is used; an existing account gets an e-mail telling its owner that
 * someone tried, with a way to sign in. The plan's member limit is checked first, for everyone.
 */
export async function signUpWithPassword({
  ctx,
  input,
  confirmLinkFor,
  signInLink,
}: {
  ctx: AuthCtx;
  input: z.input<typeof SignUpInput>;
  /** Absolute URL of the confirmation page on the tenant's host for this token. */
  confirmLinkFor: (token: string) => string;
  /** Absolute URL of the tenant's sign-in page, for the e-mail to an existing account. */
  signInLink: string;
}): Promise<SignUpRequested> {
  const data = parseInput(SignUpInput, input);
  if (ctx.tenant.status !== "active") throw new PreconditionFailedError(`This organization is ${ctx.tenant.status}.`);
  const tenantId = ctx.tenant.id;
  // Every request counts, new address or not: the limit must not tell them apart either.
  const attempt = await authThrottle(ctx.database).begin(AUTH_POLICIES.signUp, {
    accountKey: limiterKeys.tenantAccount(tenantId, data.email),
    accountLabel: data.email,
    ip: ctx.ip ?? null,
    tenantId,
    userAgent: ctx.userAgent ?? null,
    requestId: ctx.requestId,
  });
  // Hashed for both, so an existing address answers no faster.
  const passwordHash = await hashPassword(data.password);
  const token = randomToken();
  try {
    await withTenant(ctx.database, tenantId, async (tx) => {
      await assertRoomForMember(tx, ctx);
      const [existing] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.tenantId, tenantId), eq(users.email, data.email)));
      const requestId = newId("signupRequest");
      if (existing) {
        const mail = await enqueueEmail(tx, {
          template: "signup_existing",
          to: data.email,
          payload: { link: signInLink },
          idempotencyKey: `signup-existing/${requestId}`,
        });
        await deliverSoon(tx, mail);
        return;
      }
      await tx.insert(signupRequests).values({
        id: requestId,
        tenantId,
        email: data.email,
        name: data.name,
        passwordHash,
        tokenHash: sha256Hex(token),
        expiresAt: new Date(Date.now() + SIGN_UP_CONFIRM_TTL_MS),
      });
      const mail = await enqueueEmail(tx, {
        template: "signup_confirm",
        to: data.email,
        payload: { link: confirmLinkFor(token), expiresInMinutes: SIGN_UP_CONFIRM_TTL_MS / 60_000 },
        idempotencyKey: `signup-confirm/${requestId}`,
      });
      await deliverSoon(tx, mail);
    });
  } finally {
    // Counted whether or not it went through: each request may send an e-mail.
    await attempt.succeed();
  }
  return { status: "confirmation_sent", email: data.email, expiresInMinutes: SIGN_UP_CONFIRM_TTL_MS / 60_000 };
}

/** Serialize sign-ups per tenant so two at once cannot both pass the member limit. */
async function assertRoomForMember(tx: TenantTx, ctx: AuthCtx): Promise<void> {
  await tx.$sql`select pg_advisory_xact_lock(hashtext(${`${tx.tenantId}:members`}))`;
  // While restricted for an unpaid invoice the tenant is held to the Free plan's member limit.
  const max = limitFor(ctx, "members", ctx.signals);
  if (max === null) return;
  const [row] = await tx.select({ n: count() }).from(memberships).where(eq(memberships.tenantId, tx.tenantId));
  if ((row?.n ?? 0) >= max) {
    throw new LimitExceededError("This organization cannot accept new members right now.", "members", max);
  }
}

export const ConfirmSignUpInput = z.object({ token: z.string().min(20, "the link is incomplete").max(200) }).strict();

const INVALID = "This confirmation link is invalid, used or expired. Sign up again.";

/**
 * Step two: the e-mailed link was used, so the address is the person's. Creates the user (e-mail
 * verified), a membership with the Member role and a session in one transaction, audited, with a
 * welcome e-mail. A bad link counts against the client's address like a wrong password.
 */
export async function confirmSignUp({
  ctx,
  input,
  welcomeLink,
}: {
  ctx: AuthCtx;
  input: z.input<typeof ConfirmSignUpInput>;
  welcomeLink?: string;
}) {
  const { token } = parseInput(ConfirmSignUpInput, input);
  if (ctx.tenant.status !== "active") throw new PreconditionFailedError(`This organization is ${ctx.tenant.status}.`);
  const tenantId = ctx.tenant.id;
  return guardTokenRedeem(ctx.database, { ...ctx, tenantId }, () =>
    withTenant(ctx.database, tenantId, async (tx) => {
      const [request] = await tx
        .update(signupRequests)
        .set({ usedAt: new Date() })
        .where(
          and(
            eq(signupRequests.tenantId, tenantId),
            eq(signupRequests.tokenHash, sha256Hex(token)),
            isNull(signupRequests.usedAt),
            gt(signupRequests.expiresAt, new Date()),
          ),
        )
        .returning();
      if (!request) throw new UnauthenticatedError(INVALID);
      await assertRoomForMember(tx, ctx);
      const [existing] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.tenantId, tenantId), eq(users.email, request.email)));
      // Signed up twice and confirmed both, or joined by invitation meanwhile.
      if (existing) throw new PreconditionFailedError("This address already has an account. Sign in instead.");
      const [role] = await tx
        .select()
        .from(roles)
        .where(and(eq(roles.tenantId, tenantId), eq(roles.key, SIGN_UP_ROLE)));
      if (!role) throw new PreconditionFailedError("Sign-up is not available for this organization.");
      const userId = newId("user");
      const membershipId = newId("membership");
      await tx.insert(users).values({
        id: userId,
        tenantId,
        email: request.email,
        name: request.name,
        passwordHash: request.passwordHash,
        emailVerifiedAt: new Date(),
      });
      await tx.insert(memberships).values({ id: membershipId, tenantId, userId });
      await tx.insert(membershipRoles).values({ tenantId, membershipId, roleId: role.id });
      const session = await createSession(tx, {
        userId,
        membershipId,
        kind: "site",
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
          after: { email: request.email, name: request.name, roleKeys: [SIGN_UP_ROLE] },
        },
      );
      if (welcomeLink) {
        const mail = await enqueueEmail(tx, {
          template: "welcome",
          to: request.email,
          payload: { link: welcomeLink },
          idempotencyKey: `welcome:${membershipId}`,
        });
        await deliverSoon(tx, mail);
      }
      return { userId, membershipId, ...session };
    }),
  );
}
