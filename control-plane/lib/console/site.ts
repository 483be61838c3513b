import "server-only";
import { env as coreEnv } from "@mw/core/env";
import { controlEnv } from "../env";

/**
 * Links to a tenant's branded site. Hosts under `localhost` are the development setup (plain HTTP on
 * the runtime's public port); anything else is a real deployment behind TLS on the default port.
 */
export function originOf(host: string): string {
  const local = host === "localhost" || host.endsWith(".localhost");
  return local ? `http://${host}:${controlEnv.TENANT_APP_PUBLIC_PORT}` : `https://${host}`;
}

/** `<slug>.<platform domain>`: always served, whatever state a custom domain's DNS is in. */
export function platformHost(slug: string): string {
  return `${slug}.${coreEnv.PLATFORM_DOMAIN}`;
}

/** The platform host's origin; see `invitationLink` for why links in e-mails use it. */
export function platformOrigin(slug: string): string {
  return originOf(platformHost(slug));
}

/** Where "View your site" goes: the verified primary domain when there is one. */
export function siteOrigin(slug: string, primaryHost: string | null): string {
  return originOf(primaryHost ?? platformHost(slug));
}

/**
 * Invitation links use the platform host, not the custom domain: an invitation lives for days, and a
 * custom domain whose DNS lapses meanwhile would leave the invitee with a dead link.
 */
export function invitationLink(slug: string, token: string): string {
  return `${platformOrigin(slug)}/invite/${encodeURIComponent(token)}`;
}
