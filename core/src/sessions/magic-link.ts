import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { emitAudit } from "../audit/emit";
import { randomToken, sha256Hex } from "../crypto/tokens";
import { withTenant } from "../db/client";
import { emailOutbox, magicLinks, memberships, users } from "../db/schema/index";
import { enqueueEmail } from "../email/outbox";
import { PreconditionFailedError, UnauthenticatedError } from "../errors";
import { newId } from "../ids";
import { EmailSchema } from "../invitations/create";
import { AUTH_POLICIES, authThrottle, guardTokenRedeem, limiterKeys } from "../rate-limit/index";
import { parseInput } from "../validation";
import { type AuthCtx, MAGIC_LINK_TTL_MS, type MailCtx } from "./context";
import { createSession } from "./create-session";

export const RequestMagicLinkInput = z.object({ email: EmailSchema }).strict();

/**
 * E-mail a one-time sign-in link to a member of this tenant. The answer is the same whether or not
 * the address belongs to a member (no account probing); only members get an e-mail.
 * `linkFor(token)` builds the absolute URL on the tenant's own host.
 */
export async function requestMagicLink({
  ctx,
  mail,
  input,
  linkFor,
}: {
  ctx: AuthCtx;
  mail: MailCtx;
  input: z.input<typeof RequestMagicLinkInput>;
  linkFor: (token: string) => string;
}): Promise<{ sent: boolean }> {
  const { email } = parseInput(RequestMagicLinkInput, input);
  if (ctx.tenant.status !== "active") throw new PreconditionFailedError(`This organization is ${ctx.tenant.status}.`);
  const tenantId = ctx.tenant.id;
  // Every request counts, member or not: the limit must not tell them apart either.
  const attempt = await authThrottle(ctx.database).begin(AUTH_POLICIES.magicLinkRequest, {
    accountKey: limiterKeys.tenantAccount(tenantId, email),
    accountLabel: email,
    ip: ctx.ip ?? null,
    tenantId,
    userAgent: ctx.userAgent ?? null,
    requestId: ctx.requestId,
  });
  const token = randomToken();
  const linkId = newId("magicLink");
  const link = linkFor(token);
  const expiresInMinutes = MAGIC_LINK_TTL_MS / 60_000;
  // The link row and its e-mail in the outbox commit together; the worker retries an unsent row.
  const queued = await withTenant(ctx.database, tenantId, async (tx) => {
    const [member] = await tx
      .select({ userId: users.id })
      .from(users)
      .innerJoin(
        memberships,
        and(
          eq(memberships.tenantId, users.tenantId),
          eq(memberships.userId, users.id),
          eq(memberships.status, "active"),
        ),
      )
      .where(and(eq(users.tenantId, tenantId), eq(users.email, email)));
    if (!member) return null;
    await tx.insert(magicLinks).values({
      id: linkId,
      tenantId,
      email,
      tokenHash: sha256Hex(token),
      expiresAt: new Date(Date.now() + MAGIC_LINK_TTL_MS),
    });
    return enqueueEmail(tx, {
      template: "magic_link",
      to: email,
      payload: { link, expiresInMinutes },
      idempotencyKey: `magic-link/${linkId}`,
    });
  });
  await attempt.succeed();
  if (!queued) return { sent: false };
  // Someone is waiting for this one: deliver now rather than on the worker's next sweep. Same
  // idempotency key as the outbox row, so a later retry by the worker cannot send it twice.
  try {
    const message = await mail.renderMagicLink({ link, expiresInMinutes });
    const { id: providerId } = await mail.mailer.send(
      {
        from: message.from,
        to: email,
        subject: message.subject,
        html: message.html,
        text: message.text,
        tags: [{ name: "template", value: "magic_link" }],
      },
      { idempotencyKey: `magic-link/${linkId}` },
    );
    await withTenant(ctx.database, tenantId, (tx) =>
      tx
        .update(emailOutbox)
        .set({ status: "sent", providerId, sentAt: new Date(), attempts: sql`${emailOutbox.attempts} + 1` })
        .where(
          and(eq(emailOutbox.tenantId, tenantId), eq(emailOutbox.id, queued.id), eq(emailOutbox.status, "pending")),
        ),
    );
  } catch (err) {
    console.error(
      "[magic-link] immediate delivery failed; the outbox will retry",
      err instanceof Error ? err.message : err,
    );
  }
  return { sent: true };
}

export const ConsumeMagicLinkInput = z
  .object({ token: z.string().min(20, "the link is incomplete").max(200) })
  .strict();

/**
 * Redeem a link once, within its lifetime, on the tenant it was issued for; opens a session. A bad
 * link counts against the client's address like a wrong password.
 */
export async function consumeMagicLink({ ctx, input }: { ctx: AuthCtx; input: z.input<typeof ConsumeMagicLinkInput> }) {
  const { token } = parseInput(ConsumeMagicLinkInput, input);
  if (ctx.tenant.status !== "active") throw new PreconditionFailedError(`This organization is ${ctx.tenant.status}.`);
  const tenantId = ctx.tenant.id;
  return guardTokenRedeem(ctx.database, { ...ctx, tenantId }, () => redeem(ctx, token));
}

async function redeem(ctx: AuthCtx, token: string) {
  const tenantId = ctx.tenant.id;
  return withTenant(ctx.database, tenantId, async (tx) => {
    const [link] = await tx
      .update(magicLinks)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(magicLinks.tenantId, tenantId),
          eq(magicLinks.tokenHash, sha256Hex(token)),
          isNull(magicLinks.usedAt),
          gt(magicLinks.expiresAt, new Date()),
        ),
      )
      .returning();
    if (!link) throw new UnauthenticatedError("This sign-in link is invalid, used or expired. Request a new one.");
    const [member] = await tx
      .select({ userId: users.id, membershipId: memberships.id })
      .from(users)
      .innerJoin(
        memberships,
        and(
          eq(memberships.tenantId, users.tenantId),
          eq(memberships.userId, users.id),
          eq(memberships.status, "active"),
        ),
      )
      .where(and(eq(users.tenantId, tenantId), eq(users.email, link.email)));
    if (!member) throw new UnauthenticatedError("This sign-in link is invalid, used or expired. Request a new one.");
    await tx
      .update(users)
      .set({ emailVerifiedAt: new Date() })
      .where(and(eq(users.tenantId, tenantId), eq(users.id, member.userId), isNull(users.emailVerifiedAt)));
    const session = await createSession(tx, {
      userId: member.userId,
      method: "magic_link",
      ip: ctx.ip ?? null,
      userAgent: ctx.userAgent ?? null,
    });
    await emitAudit(
      tx,
      {
        actor: { type: "user", userId: member.userId, membershipId: member.membershipId },
        requestId: ctx.requestId,
        ip: ctx.ip ?? null,
        userAgent: ctx.userAgent ?? null,
      },
      { action: "session.create", target: { type: "session", id: session.sessionId }, after: { method: "magic_link" } },
    );
    return { ...member, ...session };
  });
}
