import "server-only";
import type { TenantCtx, TenantRef } from "@mw/core/context";
import { schema } from "@mw/core/db";
import { isId, newId } from "@mw/core/ids";
import { annotateRequest, currentRequestId } from "@mw/core/observability";
import { type Entitlements, readEntitlements } from "@mw/core/plans";
import type { DunningState, FeatureSignals } from "@mw/core/product";
import { getSession, type SessionContext } from "@mw/core/sessions";
import { eq } from "drizzle-orm";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { controlDb } from "./db";
import { isHttps, requestMeta } from "./request-meta";

/**
 * Tenant admins sign in to the control plane with their tenant account. The cookie holds
 * `<tenantId>.<secret>`: the tenant part only says where to look — the session row is found under
 * RLS for that tenant by the secret's hash, so naming another tenant finds nothing. Only `console`
 * sessions are accepted: a tenant site's session token in this cookie finds nothing either.
 */
export const CONSOLE_COOKIE = "mw_console";

export async function setConsoleCookie(tenantId: string, token: string, expiresAt: Date): Promise<void> {
  const secure = await isHttps();
  (await cookies()).set(secure ? `__Host-${CONSOLE_COOKIE}` : CONSOLE_COOKIE, `${tenantId}.${token}`, {
    httpOnly: true,
    secure,
    sameSite: "strict",
    path: "/",
    expires: expiresAt,
  });
}

export async function consoleCookie(): Promise<{ tenantId: string; token: string } | null> {
  const jar = await cookies();
  const raw = jar.get(`__Host-${CONSOLE_COOKIE}`)?.value ?? jar.get(CONSOLE_COOKIE)?.value;
  if (!raw) return null;
  const dot = raw.indexOf(".");
  const tenantId = raw.slice(0, dot);
  const token = raw.slice(dot + 1);
  return dot > 0 && isId("tenant", tenantId) ? { tenantId, token } : null;
}

export interface ConsoleContext {
  tenant: TenantRef & { name: string };
  entitlements: Entitlements;
  /** Billing standing: one input of every feature decision, and the dunning banner. */
  dunning: { state: DunningState; graceUntil: Date | null };
  session: SessionContext;
}

export const currentConsole = cache(async (): Promise<ConsoleContext | null> => {
  const c = await consoleCookie();
  if (!c) return null;
  const [t] = await controlDb().db.select().from(schema.tenants).where(eq(schema.tenants.id, c.tenantId));
  if (!t || t.status === "deleted") return null;
  const session = await getSession(controlDb(), t.id, c.token, "console");
  if (!session) return null;
  annotateRequest({ tenantId: t.id, actor: `user:${session.user.id}` });
  return {
    tenant: { id: t.id, slug: t.slug, status: t.status, plan: t.plan, name: t.name },
    entitlements: readEntitlements(t.entitlements),
    dunning: { state: t.dunningState, graceUntil: t.graceUntil },
    session,
  };
});

export async function requireConsole(next = "/console"): Promise<ConsoleContext> {
  const c = await currentConsole();
  if (!c) redirect(`/console/sign-in?next=${encodeURIComponent(next)}`);
  return c;
}

/** Verb context for a tenant admin acting in the console. */
export async function consoleCtx(): Promise<
  TenantCtx & { entitlements: Entitlements; signals: FeatureSignals; console: ConsoleContext }
> {
  const c = await requireConsole();
  return {
    tenant: { id: c.tenant.id, slug: c.tenant.slug, status: c.tenant.status, plan: c.tenant.plan },
    actor: { type: "user", userId: c.session.user.id, membershipId: c.session.membershipId },
    ability: c.session.ability,
    database: controlDb(),
    entitlements: c.entitlements,
    signals: { dunning: c.dunning.state },
    requestId: currentRequestId(() => newId("request")),
    ...(await requestMeta()),
    console: c,
  };
}
