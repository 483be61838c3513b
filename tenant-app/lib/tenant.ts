import "server-only";
import { isId } from "@mw/core/ids";
import { type Entitlements, readEntitlements } from "@mw/core/plans";
import type { ResolvedTenant } from "@mw/core/runtime";
import { parseThemeTokens, THEME_PRESETS, type ThemeTokens } from "@mw/themes";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { cache } from "react";
import { hostResolver, runtimeDb } from "./runtime";

export interface TenantProfile {
  id: string;
  slug: string;
  name: string;
  status: ResolvedTenant["status"];
  plan: string;
  entitlements: Entitlements;
  primaryHost: string | null;
  themeVersion: number | null;
  theme: ThemeTokens;
}

/** A stored theme that no longer parses (schema tightened) falls back to the neutral preset. */
function themeOf(tokens: unknown): ThemeTokens {
  const parsed = tokens ? parseThemeTokens(tokens) : null;
  return parsed?.ok ? parsed.tokens : THEME_PRESETS.classic;
}

/**
 * Public profile of the tenant whose id the proxy put in the path (from the Host header), through
 * the tenant_profile() window. Safe for static rendering: it reads neither headers nor cookies.
 */
export const getTenantProfile = cache(async (tenantId: string): Promise<TenantProfile | null> => {
  if (!isId("tenant", tenantId)) return null;
  const [r] = await runtimeDb().sql<
    {
      tenant_id: string;
      slug: string;
      name: string;
      status: ResolvedTenant["status"];
      plan: string;
      entitlements: unknown;
      primary_host: string | null;
      theme_version: number | null;
      theme_tokens: unknown;
    }[]
  >`select * from tenant_profile(${tenantId})`;
  if (!r) return null;
  return {
    id: r.tenant_id,
    slug: r.slug,
    name: r.name,
    status: r.status,
    plan: r.plan,
    entitlements: readEntitlements(r.entitlements),
    primaryHost: r.primary_host,
    themeVersion: r.theme_version,
    theme: themeOf(r.theme_tokens),
  };
});

export async function getTenantProfileOrThrow(tenantId: string): Promise<TenantProfile> {
  const t = await getTenantProfile(tenantId);
  if (!t) notFound();
  return t;
}

/**
 * For dynamic pages and server actions: the tenant of the request's Host header. When a route
 * param is given it must agree (it always does after the proxy; this is defense in depth).
 */
export const requireHostTenant = cache(async (routeTenantId?: string): Promise<ResolvedTenant> => {
  const h = await headers();
  // Set by proxy.ts from the request's host (it strips any x-mw-* header a client sends).
  const tenant = await hostResolver().resolve(h.get("x-mw-host"));
  if (!tenant || (routeTenantId && tenant.tenantId !== routeTenantId)) notFound();
  return tenant;
});

export async function requestMeta(): Promise<{ ip: string | null; userAgent: string | null }> {
  const h = await headers();
  const forwarded = h.get("x-forwarded-for")?.split(",")[0]?.trim();
  return { ip: forwarded || h.get("x-real-ip") || null, userAgent: h.get("user-agent") };
}
