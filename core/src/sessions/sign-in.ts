import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { emitAudit } from "../audit/emit";
import { readTenant, withTenant } from "../db/client";
import { memberships, type SessionKind, users } from "../db/schema/index";
import { PreconditionFailedError, UnauthenticatedError } from "../errors";
import { AUTH_POLICIES, authThrottle, limiterKeys, tooManyAttempts } from "../rate-limit/index";
import { parseInput } from "../validation";
import type { AuthCtx } from "./context";
import { createSession } from "./create-session";
import { verifyPassword } from "./password";

export const SignInInput = z
  .object({
    email: z.string().trim().toLowerCase().min(1, "enter your e-mail").max(254),
    password: z.string().min(1, "enter your password").max(200),
  })
  .strict();

const WRONG = "Incorrect e-mail or password.";

/**
 * Same answer and similar timing for an unknown e-mail and a wrong password: no account probing.
 * Throttled per account (tenant + e-mail, shared by the tenant site and the admin console) and per
 * client address; a locked account is refused before its password is looked at. `kind` is where the
 * session will be used (the tenant's site, or the admin console): the transport's choice, never input.
 */
export async function signInWithPassword({
  ctx,
  input,
  kind = "site",
}: {
  ctx: AuthCtx;
  input: z.input<typeof SignInInput>;
  kind?: SessionKind;
}) {
  const data = parseInput(SignInInput, input);
  if (ctx.tenant.status !== "active") throw new PreconditionFailedError(`This organization is ${ctx.tenant.status}.`);
  const tenantId = ctx.tenant.id;
  const attempt = await authThrottle(ctx.database).begin(AUTH_POLICIES.tenantPassword, {
    accountKey: limiterKeys.tenantAccount(tenantId, data.email),
    accountLabel: data.email,
    ip: ctx.ip ?? null,
    tenantId,
    userAgent: ctx.userAgent ?? null,
    requestId: ctx.requestId,
  });
  const [found] = await readTenant(ctx.database, tenantId, (tx) =>
    tx
      .select({ userId: users.id, passwordHash: users.passwordHash, membershipId: memberships.id })
      .from(users)
      .leftJoin(
        memberships,
        and(
          eq(memberships.tenantId, users.tenantId),
          eq(memberships.userId, users.id),
          eq(memberships.status, "active"),
        ),
      )
      .where(and(eq(users.tenantId, tenantId), eq(users.email, data.email))),
  );
  const ok = await verifyPassword(found?.passwordHash ?? null, data.password);
  if (!found || !ok || !found.membershipId) {
    const lockedFor = await attempt.fail();
    throw lockedFor > 0 ? tooManyAttempts(lockedFor) : new UnauthenticatedError(WRONG);
  }
  const { userId, membershipId } = found;
  const signedIn = await withTenant(ctx.database, tenantId, async (tx) => {
    const session = await createSession(tx, {
      userId,
      membershipId,
      kind,
      method: "password",
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
        action: "session.create",
        target: { type: "session", id: session.sessionId },
        after: { method: "password", kind },
      },
    );
    return { userId, membershipId, ...session };
  });
  await attempt.succeed();
  return signedIn;
}
