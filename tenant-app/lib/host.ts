/**
 * The host the browser asked for. Next's server hands the proxy a request whose `Host` is the
 * address it listens on and puts the browser's in `X-Forwarded-Host` (a load balancer in front
 * does the same), so that one wins. A client can claim any host either way — that is fine: the
 * tenant is whatever host was asked for, and cookies are host-only, so a session from one tenant
 * is never valid under another's name.
 */
export function requestHost(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  return forwarded || headers.get("host");
}

/** Absolute origin of the current tenant request (after proxy.ts), for links we send out. */
export function tenantOrigin(headers: Headers): string {
  const https = headers.get("x-forwarded-proto") === "https";
  const port = headers.get("x-forwarded-port");
  const host = headers.get("x-mw-host") ?? "";
  return `${https ? "https" : "http"}://${host}${port && port !== (https ? "443" : "80") ? `:${port}` : ""}`;
}
