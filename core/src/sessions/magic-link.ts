import { and, eq, gt, isNull } from "drizzle-orm";
import { z } from "zod";
import { emitAudit } from "../audit/emit";
import { randomToken, sha256Hex } from "../crypto/tokens";
import { withTenant } from "../db/client";
import { magicLinks, memberships, users } from "../db/schema/index";
import { OUTBOX_TEMPLATES } from "../email/outbox";
import { PreconditionFailedError, UnauthenticatedError } from "../errors";
import { newId } from "../ids";
import { EmailSchema } from "../invitations/create";
import { AUTH_POLICIES, authThrottle, guardTokenRedeem, limiterKeys } from "../rate-limit/index";
import { parseInput } from "../validation";
import { type AuthCtx, MAGIC_LINK_TTL_MS } from "./context";
import { createSession } from "./create-session";

export const RequestMagicLinkInput = z.object({ email: EmailSchema }).strict();

/**
 * E-mail a one-time sign-in link to a member of this tenant. The answer is the same whether or not
 * the address belongs to a member, and so is the time it takes: the request only writes the link
 * and its outbox row (one transaction, the delivery job added in it); rendering and sending happen
 * in the e-mail worker, which hears of the job at commit. Only members get an e-mail.
 * `linkFor(token)` builds the absolute URL on the tenant's own host.
 */
export async function requestMagicLink({
  ctx,
  input,
  linkFor,
}: {
  ctx: AuthCtx;
  input: z.input<typeof RequestMagicLinkInput>;
  linkFor: (token: string) => string;
}): Promise<{ status: "requested" }> {
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
  const mailId = newId("email");
  const payload = parseInput(OUTBOX_TEMPLATES.magic_link, { link, expiresInMinutes: MAGIC_LINK_TTL_MS / 60_000 });
  try {
    // The same two statements run for a member and a stranger — the inserts simply find no member
    // row for a stranger — so the request takes as long either way (ADR 0007). The outbox row is
    // written here rather than through enqueueEmail for that reason; its payload is validated above.
    await withTenant(ctx.database, tenantId, async (tx) => {
      await tx.$sql`
        with member as (
          select u.email from users u
            join memberships m on m.tenant_id = u.tenant_id and m.user_id = u.id and m.status = 'active'
           where u.tenant_id = ${tenantId} and u.email = ${email}
        ), link as (
          insert into magic_links (id, tenant_id, email, token_hash, expires_at)
          select ${linkId}, ${tenantId}, member.email, ${sha256Hex(token)},
                 ${new Date(Date.now() + MAGIC_LINK_TTL_MS).toISOString()}::timestamptz
            from member
          returning email
        )
        insert into email_outbox (id, tenant_id, template, to_address, payload, idempotency_key)
        select ${mailId}, ${tenantId}, 'magic_link', link.email, ${JSON.stringify(payload)}::jsonb,
               ${`magic-link/${linkId}`}
          from link`;
      // A no-op when no row was written (a stranger): it schedules only a pending row of this tenant.
      await tx.$sql`select mw_schedule_outbox_email(${mailId})`;
    });
  } finally {
    await attempt.succeed();
  }
  return { status: "requested" };
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
      membershipId: member.membershipId,
      kind: "site",
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
