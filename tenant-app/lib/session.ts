import "server-only";
import { can, type Permission } from "@mw/core/authz";
import type { TenantCtx } from "@mw/core/context";
import { originOfRequest } from "@mw/core/http";
import { newId } from "@mw/core/ids";
import { annotateRequest, currentRequestId } from "@mw/core/observability";
import { type Entitlements, readEntitlements } from "@mw/core/plans";
import type { FeatureSignals } from "@mw/core/product";
import { type AuthCtx, getSession, resolveClerkSession, type SessionContext } from "@mw/core/sessions";
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { authProvider, runtimeEnv } from "./env";
import { runtimeDb } from "./runtime";
import { requestMeta, requireHostTenant } from "./tenant";

/**
 * Host-only cookie (no Domain attribute), so it is never sent to another tenant's host; under
 * HTTPS it carries the `__Host-` prefix, which browsers only accept when Secure, Path=/, no Domain.
 */
const PLAIN = "mw_session";
const HOST_PREFIXED = "__Host-mw_session";

async function isHttps(): Promise<boolean> {
  return originOfRequest(await headers()).protocol === "https";
}

export async function setSessionCookie(token: string, expiresAt: Date): Promise<void> {
  const secure = await isHttps();
  (await cookies()).set(secure ? HOST_PREFIXED : PLAIN, token, {
    httpOnly: true,
    secure,
    sameSite: "lax",
    path: "/",
    expires: expiresAt,
  });
}

export async function clearSessionCookie(): Promise<void> {
  const jar = await cookies();
  jar.delete(PLAIN);
  jar.delete({ name: HOST_PREFIXED, path: "/", secure: true });
}

export async function sessionToken(): Promise<string | null> {
  const jar = await cookies();
  return jar.get(HOST_PREFIXED)?.value ?? jar.get(PLAIN)?.value ?? null;
}

/** The signed-in member of this host's tenant, or null. One database round trip per request. */
export const currentSession = cache(async (routeTenantId?: string): Promise<SessionContext | null> => {
  const tenant = await requireHostTenant(routeTenantId);
  const session =
    authProvider === "clerk"
      ? await clerkSession(tenant.tenantId)
      : await getSession(runtimeDb(), tenant.tenantId, await sessionToken(), "site");
  // Every later log line of this request names who made it.
  if (session) annotateRequest({ actor: `user:${session.user.id}` });
  return session;
});

/** Clerk's session JWT (cookie `__session`) mapped to this tenant's member, or null. */
async function clerkSession(tenantId: string): Promise<SessionContext | null> {
  const jwtKey = runtimeEnv.CLERK_JWT_KEY;
  if (!jwtKey) return null;
  const token = (await cookies()).get("__session")?.value;
  const s = await resolveClerkSession({ database: runtimeDb(), tenantId, token, jwtKey });
  if (!s) return null;
  return {
    sessionId: `clerk:${s.clerkUserId}`,
    // Clerk session tokens are short-lived and refreshed by Clerk's own scripts.
    expiresAt: new Date(Date.now() + 60_000),
    user: s.user,
    membershipId: s.membershipId,
    roleKeys: s.roleKeys,
    ability: s.ability,
  };
}

/**
 * The signed-in member, or a redirect to sign-in. With `permission`, a member whose roles do not
 * grant it gets the tenant's branded 403 page (a billing manager opening /artists), not the 500
 * the verb's refusal would otherwise become while rendering.
 */
export async function requireSession(
  next: string,
  routeTenantId?: string,
  permission?: Permission,
): Promise<SessionContext> {
  const s = await currentSession(routeTenantId);
  if (!s) redirect(`/sign-in?next=${encodeURIComponent(next)}`);
  if (permission && !can(s.ability, permission)) forbidden();
  return s;
}

export async function authCtx(): Promise<AuthCtx> {
  const tenant = await requireHostTenant();
  return {
    tenant: { id: tenant.tenantId, slug: tenant.slug, status: tenant.status, plan: tenant.plan },
    database: runtimeDb(),
    entitlements: readEntitlements(tenant.entitlements),
    signals: { dunning: tenant.dunningState },
    requestId: currentRequestId(() => newId("request")),
    ...(await requestMeta()),
  };
}

/** Verb context for the signed-in member: tenant from the host, actor and ability from the session. */
export async function memberCtx(): Promise<
  (TenantCtx & { entitlements: Entitlements; signals: FeatureSignals; session: SessionContext }) | null
> {
  const tenant = await requireHostTenant();
  const session = await currentSession();
  if (!session) return null;
  return {
    tenant: { id: tenant.tenantId, slug: tenant.slug, status: tenant.status, plan: tenant.plan },
    actor: { type: "user", userId: session.user.id, membershipId: session.membershipId },
    ability: session.ability,
    database: runtimeDb(),
    entitlements: readEntitlements(tenant.entitlements),
    // The tenant's billing standing, from the host resolver (kept fresh by NOTIFY): one input of
    // every feature and limit decision the verbs make.
    signals: { dunning: tenant.dunningState },
    requestId: currentRequestId(() => newId("request")),
    session,
    ...(await requestMeta()),
  };
}
