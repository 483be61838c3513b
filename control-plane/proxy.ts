import { databaseUnavailableResponse } from "@mw/core/db";
import { env } from "@mw/core/env";
import { requestIsHttps } from "@mw/core/http";
import { observeProxy } from "@mw/core/observability";
import { refusalResponse, refuseBody } from "@mw/core/request-body";
import { NONCE_HEADER, newNonce, securityHeaders } from "@mw/core/security-headers";
import { type NextRequest, NextResponse } from "next/server";
import { controlDb } from "./lib/db";

/**
 * Every control-plane page and action needs the database. While it is unreachable, answer 503
 * with Retry-After and a plain page at once, instead of letting each render fail as a 500 (a page
 * cannot set its own status; ADR 0012).
 *
 * Security headers on every page and route (issue 7.3, ADR 0011): a fresh nonce per request for
 * scripts and styles. Next reads the nonce from the request's Content-Security-Policy and puts it
 * on the scripts it emits; our components that render a `<style>` read it from x-mw-nonce. Every
 * page renders per request (the root layout is dynamic), so no cached HTML carries a stale nonce.
 */
async function controlPlaneProxy(request: NextRequest) {
  const nonce = newNonce();
  const headers = securityHeaders({
    nonce,
    nonceStyles: true,
    https: requestIsHttps(request.headers),
    dev: env.NODE_ENV === "development",
  });
  const health = controlDb().health;
  // Oversized or malformed bodies are refused here, before an action reads them (issue 8.4).
  const refusal = await refuseBody(request);
  let response: Response;
  if (refusal) {
    response = refusalResponse(refusal);
  } else if (health && !(await health.ready())) {
    response = databaseUnavailableResponse();
  } else {
    const forward = new Headers(request.headers);
    forward.set(NONCE_HEADER, nonce);
    forward.set("content-security-policy", headers["Content-Security-Policy"] as string);
    response = NextResponse.next({ request: { headers: forward } });
  }
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

// A response answered here (the outage page) is logged and counted with its own status.
export const proxy = observeProxy(controlPlaneProxy);

export const config = {
  // Static assets carry the constant headers from next.config.ts, and the probes answer for
  // themselves (readiness reports the database).
  matcher: ["/((?!_next/static|_next/image|favicon.ico|healthz$|readyz$|metrics$).*)"],
};
