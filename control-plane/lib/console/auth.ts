import "server-only";
import { SlugSchema } from "@mw/core";
import type { TenantRef } from "@mw/core/context";
import { schema } from "@mw/core/db";
import { newId } from "@mw/core/ids";
import { annotateRequest, currentRequestId } from "@mw/core/observability";
import type { Entitlements } from "@mw/core/plans";
import type { AuthCtx } from "@mw/core/sessions";
import { safeNext } from "@mw/core/transport";
import { eq } from "drizzle-orm";
import { cookies } from "next/headers";
import { CONSOLE_COOKIE } from "../console-session";
import { controlDb } from "../db";
import { requestMeta } from "../request-meta";

/** Context for signing in or out: the tenant is known, nobody is acting yet. */
export async function consoleAuthCtx(tenant: TenantRef, entitlements: Entitlements): Promise<AuthCtx> {
  annotateRequest({ tenantId: tenant.id });
  return {
    tenant,
    database: controlDb(),
    entitlements,
    requestId: currentRequestId(() => newId("request")),
    ...(await requestMeta()),
  };
}

/**
 * Expire both spellings of the cookie. `__Host-` cookies are only accepted with Secure and Path=/,
 * and that holds for overwriting them too, so the expired copy carries the same attributes.
 */
export async function clearConsoleCookie(): Promise<void> {
  const jar = await cookies();
  const base = { httpOnly: true, sameSite: "strict" as const, path: "/", maxAge: 0 };
  if (jar.get(`__Host-${CONSOLE_COOKIE}`)) jar.set(`__Host-${CONSOLE_COOKIE}`, "", { ...base, secure: true });
  if (jar.get(CONSOLE_COOKIE)) jar.set(CONSOLE_COOKIE, "", base);
}

/** `next` must stay inside the console; anything else (or nothing) lands on the overview. */
export function consoleNext(raw: string | null | undefined): string {
  return safeNext(raw, "/console", "/console");
}

/**
 * The organization a sign-in names by its slug (typed, or the `org` hint of a link from the
 * tenant's site or e-mails), or null when no live organization uses it. Slugs are public — they
 * are the sites' subdomains — so this says nothing about accounts; who gets in is the password's call.
 */
export async function findOrganizationBySlug(raw: string): Promise<typeof schema.tenants.$inferSelect | null> {
  const slug = SlugSchema.safeParse(raw);
  if (!slug.success) return null;
  const [t] = await controlDb().db.select().from(schema.tenants).where(eq(schema.tenants.slug, slug.data));
  return t && t.status !== "deleted" ? t : null;
}
