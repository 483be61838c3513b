import { env } from "../env";
import { parseTrustedProxies } from "./addresses";
import { installPeerStamp as install, readPeer } from "./peer-stamp";
import { type HeaderSource, type RequestOrigin, requestOrigin } from "./request-origin";

export { isTrustedPeer, normalizeAddress, parseTrustedProxies, type TrustedProxies } from "./addresses";
export { consoleSignInLink } from "./console-link";
export { mergeVary, PEER_HEADER, readPeer } from "./peer-stamp";
export {
  type HeaderSource,
  originString,
  type Peer,
  parseHostHeader,
  type RequestOrigin,
  requestOrigin,
} from "./request-origin";
export { canonicalTenantHost, tenantSiteOrigin } from "./site-origin";

const trusted = parseTrustedProxies(env.TRUSTED_PROXIES);

/** `requestOrigin` for a request in one of the apps: the stamped peer and `TRUSTED_PROXIES`. */
export function originOfRequest(headers: HeaderSource): RequestOrigin {
  return requestOrigin({ headers, peer: readPeer(headers), trusted });
}

/**
 * Whether the browser's request came over HTTPS (HSTS and upgrade-insecure-requests, issue 7.3):
 * the socket's word, or a trusted proxy's `X-Forwarded-Proto` (`originOfRequest`).
 */
export function requestIsHttps(headers: HeaderSource): boolean {
  return originOfRequest(headers).protocol === "https";
}

/**
 * For the apps' `instrumentation.ts`: record every connection's peer and drop forwarded headers
 * that do not come from a trusted proxy (see peer-stamp.ts). `vary`: fields added to every Vary.
 */
export function installPeerStamp(options: { vary?: string[] } = {}): void {
  install({ trusted, ...options });
}
