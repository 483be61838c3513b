import { clerkMiddleware } from "@clerk/nextjs/server";
import { databaseUnavailableResponse, isDatabaseUnreachable } from "@mw/core/db";
import { env } from "@mw/core/env";
import { requestIsHttps } from "@mw/core/http";
import { observeProxy } from "@mw/core/observability";
import { refusalResponse, refuseBody } from "@mw/core/request-body";
import { NONCE_HEADER, newNonce, securityHeaders } from "@mw/core/security-headers";
import { type NextRequest, NextResponse } from "next/server";
import { benchBaselineEnabled } from "./lib/bench-env";
import { authProvider, runtimeEnv } from "./lib/env";
import { requestHost } from "./lib/host";
import { hostResolver, runtimeDb } from "./lib/runtime";
import { unknownHostResponse } from "./lib/unknown-host";

/**
 * Host → tenant, then rewrite to the tenant's route segment. The tenant is only ever taken from
 * the Host header: a tenant id in the path, query or headers from the client is never trusted
 * (a client path like /t/ten_other/… ends up under this host's tenant and 404s).
 */
async function tenantProxy(request: NextRequest) {
  if (benchBaselineEnabled && request.nextUrl.pathname.startsWith("/baseline/")) return NextResponse.next();
  // Oversized or malformed bodies are refused here, before an action reads them (issue 8.4).
  const refusal = await refuseBody(request);
  if (refusal) return secured(refusalResponse(refusal), request, null);
  // While the database is away every page would fail: a 503 with Retry-After instead (ADR 0012).
  const database = runtimeDb();
  if (database.health && !(await database.health.ready())) return secured(databaseUnavailableResponse(), request, null);
  const host = requestHost(request.headers);
  const tenant = await hostResolver()
    .resolve(host)
    .catch((err: unknown) => {
      database.health?.noteError(err);
      if (isDatabaseUnreachable(err)) return "unavailable" as const;
      throw err;
    });
  if (tenant === "unavailable") return secured(databaseUnavailableResponse(), request, null);
  if (!tenant) {
    return secured(unknownHostResponse(), request, null);
  }
  const url = request.nextUrl.clone();
  const headers = new Headers(request.headers);
  for (const name of [...headers.keys()]) if (name.startsWith("x-mw-")) headers.delete(name);
  // Downstream pages and actions resolve the tenant from this (clients cannot set x-mw-*).
  headers.set("x-mw-host", tenant.hostname);
  headers.set("x-mw-tenant-id", tenant.tenantId);

  // Suspended for non-payment (dunning) closes the site like a staff suspension, on the same page.
  const closed =
    tenant.status === "suspended" || tenant.status === "offboarding" || tenant.dunningState === "suspended";
  if (closed || tenant.status === "provisioning") {
    url.pathname = `/t/${tenant.tenantId}/${tenant.status === "provisioning" ? "getting-ready" : "suspended"}`;
    const nonce = withNonce(headers);
    const res = NextResponse.rewrite(url, { status: 503, request: { headers } });
    res.headers.set("retry-after", tenant.status === "provisioning" ? "30" : "3600");
    return secured(res, request, nonce);
  }
  // The home page is served from Next's cache (rendered once per tenant and theme): its HTML has
  // no per-request nonce to match, so it gets the policy without one (ADR 0011).
  const home = request.nextUrl.pathname === "/";
  const nonce = home ? null : withNonce(headers);
  url.pathname = `/t/${tenant.tenantId}${home ? "" : request.nextUrl.pathname}`;
  return secured(NextResponse.rewrite(url, { request: { headers } }), request, nonce);
}

/** A fresh nonce, handed to Next (which reads it from the request's CSP) and to our components. */
function withNonce(forward: Headers): string {
  const nonce = newNonce();
  forward.set(NONCE_HEADER, nonce);
  forward.set("content-security-policy", policyFor(forward, nonce)["Content-Security-Policy"] as string);
  return nonce;
}

function policyFor(headers: Headers, nonce: string | null): Record<string, string> {
  // Styles stay 'unsafe-inline' here: the tenant layout's theme `<style>` is part of the cached
  // home page too, which has no nonce (ADR 0011).
  return securityHeaders({
    nonce,
    nonceStyles: false,
    https: requestIsHttps(headers),
    dev: env.NODE_ENV === "development",
  });
}

/** Security headers on a response of this proxy (issue 7.3). */
function secured<R extends Response>(res: R, request: NextRequest, nonce: string | null): R {
  for (const [name, value] of Object.entries(policyFor(request.headers, nonce))) res.headers.set(name, value);
  return res;
}

/**
 * AUTH_PROVIDER=clerk: Clerk's middleware runs first (networkless with `jwtKey`; it ignores the
 * CLERK_JWT_KEY variable), then the same tenant routing. The member is resolved per tenant from
 * Clerk's session token in lib/session.ts.
 */
export const proxy = observeProxy(
  authProvider === "clerk"
    ? clerkMiddleware(async (_auth, request) => tenantProxy(request), {
        jwtKey: runtimeEnv.CLERK_JWT_KEY,
        secretKey: runtimeEnv.CLERK_SECRET_KEY,
        publishableKey: runtimeEnv.CLERK_PUBLISHABLE_KEY,
      })
    : tenantProxy,
);

export const config = {
  // Static assets, the signed internal routes and the probes (answered for any host, including a
  // load balancer's bare address) are not tenant pages.
  matcher: ["/((?!_next/static|_next/image|api/internal/|healthz$|readyz$|metrics$).*)"],
};
