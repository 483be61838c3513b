import { and, eq, isNull, ne, type SQL } from "drizzle-orm";
import { type AuditCtx, emitAudit } from "../audit/emit";
import { accessOfRoles } from "../authz/console-access";
import { sha256Hex } from "../crypto/tokens";
import { type TenantTx, withTenant } from "../db/client";
import { type SessionKind, sessions } from "../db/schema/index";
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

/** Why sessions were ended for someone other than the person signing out; recorded in the audit event. */
export type SessionRevocationReason =
  | "member_removed"
  | "roles_removed"
  | "console_access_removed"
  | "tenant_suspended"
  | "tenant_offboarded"
  | "deprovisioned";

/** Whose sessions: one membership, every membership of a user (SSO/SCIM), or the whole tenant. */
export type SessionHolder = { membershipId: string } | { userId: string } | { allMembers: true };

/**
 * End sessions at once, in the caller's transaction — the one that makes the change (removal,
 * role change, suspension, deprovisioning) — so the change and the revocation commit together.
 * Every kind unless `opts.kind` names one. Audited as `session.revoke` with the reason and how many
 * sessions ended (nothing is written when there was none). Returns that count.
 */
export async function revokeSessionsFor(
  tx: TenantTx,
  audit: AuditCtx,
  holder: SessionHolder,
  opts: { reason: SessionRevocationReason; kind?: SessionKind },
): Promise<number> {
  const tenantId = tx.tenantId;
  let who: SQL | undefined;
  let target: { type: string; id: string };
  if ("membershipId" in holder) {
    who = eq(sessions.membershipId, holder.membershipId);
    target = { type: "membership", id: holder.membershipId };
  } else if ("userId" in holder) {
    who = eq(sessions.userId, holder.userId);
    target = { type: "user", id: holder.userId };
  } else {
    who = undefined;
    target = { type: "tenant", id: tenantId };
  }
  const revoked = await tx
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(sessions.tenantId, tenantId),
        who,
        opts.kind ? eq(sessions.kind, opts.kind) : undefined,
        isNull(sessions.revokedAt),
      ),
    )
    .returning({ id: sessions.id });
  if (revoked.length > 0) {
    await emitAudit(tx, audit, {
      action: "session.revoke",
      target,
      after: { reason: opts.reason, count: revoked.length, ...(opts.kind ? { kind: opts.kind } : {}) },
    });
  }
  return revoked.length;
}

type HeldRoles = readonly { key: string; grants: readonly string[] }[];

/**
 * After a role change: end the sessions of members whose new roles no longer open what the old
 * ones did. No roles left ends every session; losing console access ends the console sessions
 * only (the site still opens for them).
 */
export async function revokeSessionsOnAccessLoss(
  tx: TenantTx,
  audit: AuditCtx,
  changes: readonly { membershipId: string; before: HeldRoles; after: HeldRoles }[],
): Promise<number> {
  let count = 0;
  for (const change of changes) {
    const before = accessOfRoles(change.before);
    const after = accessOfRoles(change.after);
    if (before.site && !after.site) {
      count += await revokeSessionsFor(tx, audit, { membershipId: change.membershipId }, { reason: "roles_removed" });
    } else if (before.console && !after.console) {
      count += await revokeSessionsFor(
        tx,
        audit,
        { membershipId: change.membershipId },
        { reason: "console_access_removed", kind: "console" },
      );
    }
  }
  return count;
}
