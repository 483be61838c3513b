import { randomToken, sha256Hex } from "../crypto/tokens";
import type { TenantTx } from "../db/client";
import { type SessionKind, sessions } from "../db/schema/index";
import { newId } from "../ids";
import { SESSION_TTL_MS } from "./context";

export type SessionMethod = "password" | "magic_link" | "invitation" | "signup" | "clerk";

/**
 * Insert a session row in the caller's transaction; the returned token goes in the cookie only,
 * the cookie of its kind (`site` or `console`) — the only place `getSession` accepts it.
 * The session belongs to this membership: it stops working when the membership ends, even if the
 * same person is invited back later (a new membership).
 */
export async function createSession(
  tx: TenantTx,
  input: {
    userId: string;
    membershipId: string;
    kind: SessionKind;
    method: SessionMethod;
    ip?: string | null;
    userAgent?: string | null;
  },
): Promise<{ token: string; sessionId: string; expiresAt: Date }> {
  const token = randomToken();
  const sessionId = newId("session");
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await tx.insert(sessions).values({
    id: sessionId,
    tenantId: tx.tenantId,
    userId: input.userId,
    membershipId: input.membershipId,
    kind: input.kind,
    tokenHash: sha256Hex(token),
    method: input.method,
    ip: input.ip ?? null,
    userAgent: input.userAgent ? input.userAgent.slice(0, 512) : null,
    expiresAt,
  });
  return { token, sessionId, expiresAt };
}
