import "server-only";
import { originOfRequest } from "@mw/core/http";
import { isId } from "@mw/core/ids";
import { annotateRequest, recordCacheLookup } from "@mw/core/observability";
import { type Entitlements, readEntitlements } from "@mw/core/plans";
import type { ResolvedTenant } from "@mw/core/runtime";
import { compileThemeCss, parseThemeTokens, THEME_PRESETS, type ThemeTokens } from "@mw/themes";
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
  /** The theme compiled to CSS variables (closed list, validated values), ready to inline. */
  css: string;
  dunningState: ResolvedTenant["dunningState"];
  graceUntil: Date | null;
}

/** A stored theme that no longer parses (schema tightened) falls back to the neutral preset. */
function themeOf(tokens: unknown): ThemeTokens {
  const parsed = tokens ? parseThemeTokens(tokens) : null;
  return parsed?.ok ? parsed.tokens : THEME_PRESETS.classic;
}

interface CachedProfile {
  value: TenantProfile | null;
  expires: number;
}

const PROFILE_TTL_MS = 60_000;
const g = globalThis as unknown as {
  __mwProfiles?: { cache: Map<string, CachedProfile>; versions: Map<string, number> };
};

/**
 * Per-process cache of tenant profiles (validated theme + compiled CSS included), dropped on the
 * same NOTIFY that invalidates the host cache, with a TTL as a safety net. Signed-in pages render
 * per request; without this each one re-read the profile and re-validated the theme.
 */
function profileStore() {
  if (!g.__mwProfiles) {
    const store = { cache: new Map<string, CachedProfile>(), versions: new Map<string, number>() };
    hostResolver().onTenantChanged((tenantId) => {
      if (tenantId === null) {
        store.cache.clear();
        for (const k of store.versions.keys()) store.versions.set(k, (store.versions.get(k) ?? 0) + 1);
        return;
      }
      store.cache.delete(tenantId);
      store.versions.set(tenantId, (store.versions.get(tenantId) ?? 0) + 1);
    });
    g.__mwProfiles = store;
  }
  return g.__mwProfiles;
}

async function loadProfile(tenantId: string): Promise<TenantProfile | null> {
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
      dunning_state: ResolvedTenant["dunningState"];
      grace_until: Date | string | null;
    }[]
  >`select * from tenant_profile(${tenantId})`;
  if (!r) return null;
  const theme = themeOf(r.theme_tokens);
  return {
    id: r.tenant_id,
    slug: r.slug,
    name: r.name,
    status: r.status,
    plan: r.plan,
    entitlements: readEntitlements(r.entitlements),
    primaryHost: r.primary_host,
    themeVersion: r.theme_version,
    theme,
    css: compileThemeCss(theme),
    dunningState: r.dunning_state,
    graceUntil: r.grace_until === null ? null : new Date(r.grace_until),
  };
}

/**
 * Public profile of the tenant whose id the proxy put in the path (from the Host header), through
 * the tenant_profile() window. Safe for static rendering: it reads neither headers nor cookies.
 */
export const getTenantProfile = cache(async (tenantId: string): Promise<TenantProfile | null> => {
  if (!isId("tenant", tenantId)) return null;
  annotateRequest({ tenantId });
  const store = profileStore();
  const hit = store.cache.get(tenantId);
  const fresh = hit && hit.expires > Date.now();
  recordCacheLookup("tenant_profile", fresh ? "hit" : "miss");
  if (fresh) return hit.value;
  const version = store.versions.get(tenantId) ?? 0;
  const value = await loadProfile(tenantId);
  // A change notified while we were reading means this copy may be stale: use it once, keep none.
  if ((store.versions.get(tenantId) ?? 0) === version) {
    store.cache.set(tenantId, { value, expires: Date.now() + PROFILE_TTL_MS });
  }
  return value;
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
  annotateRequest({ tenantId: tenant.tenantId });
  return tenant;
});

/** Client address (the connection's, or a trusted proxy's word for it) and user agent, for audit and throttling. */
export async function requestMeta(): Promise<{ ip: string | null; userAgent: string | null }> {
  const h = await headers();
  return { ip: originOfRequest(h).clientAddress, userAgent: h.get("user-agent") };
}
