import { and, eq, isNull, ne } from "drizzle-orm";
import { emitAudit } from "../audit/emit";
import { sha256Hex } from "../crypto/tokens";
import { withTenant } from "../db/client";
import { sessions } from "../db/schema/index";
import type { AuthCtx } from "./context";
import type { SessionContext } from "./get-session";

/** Sign out: the session row is revoked, so the cookie is worthless even if it was copied. */
export async function signOut({ ctx, token }: { ctx: AuthCtx; token: string }): Promise<void> {
  const tenantId = ctx.tenant.id;
  await withTenant(ctx.database, tenantId, async (tx) => {
    const [s] = await tx
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(and(eq(sessions.tenantId, tenantId), eq(sessions.tokenHash, sha256Hex(token)), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id, userId: sessions.userId });
    if (!s) return;
    await emitAudit(
      tx,
      {
        actor: { type: "user", userId: s.userId, membershipId: null },
        requestId: ctx.requestId,
        ip: ctx.ip ?? null,
        userAgent: ctx.userAgent ?? null,
      },
      { action: "session.revoke", target: { type: "session", id: s.id }, after: { reason: "sign_out" } },
    );
  });
}

/** "Sign out everywhere else": revoke the member's other sessions. */
export async function revokeOtherSessions({
  ctx,
  session,
}: {
  ctx: AuthCtx;
  session: SessionContext;
}): Promise<number> {
  const tenantId = ctx.tenant.id;
  return withTenant(ctx.database, tenantId, async (tx) => {
    const revoked = await tx
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(sessions.tenantId, tenantId),
          eq(sessions.userId, session.user.id),
          ne(sessions.id, session.sessionId),
          isNull(sessions.revokedAt),
        ),
      )
      .returning({ id: sessions.id });
    if (revoked.length > 0) {
      await emitAudit(
        tx,
        {
          actor: { type: "user", userId: session.user.id, membershipId: session.membershipId },
          requestId: ctx.requestId,
          ip: ctx.ip ?? null,
          userAgent: ctx.userAgent ?? null,
        },
        {
          action: "session.revoke",
          target: { type: "user", id: session.user.id },
          after: { reason: "sign_out_others", count: revoked.length },
        },
      );
    }
    return revoked.length;
  });
}
