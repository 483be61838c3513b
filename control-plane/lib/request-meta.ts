import "server-only";
import { type HeaderSource, originOfRequest } from "@mw/core/http";
import { headers } from "next/headers";

/**
 * Client address and user agent for audit events, sessions and the sign-in throttle. The address
 * is the connection's own, or a trusted proxy's word for it (TRUSTED_PROXIES, ADR 0011) — never
 * an `X-Forwarded-For` a client wrote.
 */
export function metaOf(h: HeaderSource): { ip: string | null; userAgent: string | null } {
  return { ip: originOfRequest(h).clientAddress, userAgent: h.get("user-agent") };
}

export async function requestMeta(): Promise<{ ip: string | null; userAgent: string | null }> {
  return metaOf(await headers());
}

/** Whether the browser reached us over HTTPS (decides Secure and the `__Host-` cookie prefix). */
export async function isHttps(): Promise<boolean> {
  return originOfRequest(await headers()).protocol === "https";
}
