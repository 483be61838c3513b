import { env as coreEnv } from "@mw/core/env";
import {
  canonicalTenantHost,
  consoleSignInLink,
  type HeaderSource,
  originOfRequest,
  tenantSiteOrigin,
} from "@mw/core/http";
import { runtimeEnv } from "./env";

/**
 * The host the request names, which picks the tenant. `X-Forwarded-Host` counts only when the
 * connection comes from a proxy in TRUSTED_PROXIES (`originOfRequest`); from anyone else it is
 * client input, and a page cached under one host must never be rendered for another.
 */
export function requestHost(headers: HeaderSource): string | null {
  return originOfRequest(headers).host;
}

/**
 * Absolute origin for links we send out (e-mails): the tenant's canonical host, never anything
 * the request said — a forged Host or X-Forwarded-Port must not reach a member's inbox.
 */
export function tenantLinkOrigin(tenant: { slug: string; primaryHost: string | null }): string {
  return tenantSiteOrigin(canonicalTenantHost(tenant, coreEnv.PLATFORM_DOMAIN), runtimeEnv.TENANT_APP_PUBLIC_PORT);
}

/** The admin console's sign-in for this tenant, on the control plane (the console is not served here). */
export function consoleLinkFor(tenant: { slug: string }): string {
  return consoleSignInLink(coreEnv.CONTROL_PLANE_URL, tenant.slug);
}

/** A page of the organization's console, through its sign-in (which returns there). */
export function consoleLinkTo(tenant: { slug: string }, path: `/console${string}`): string {
  const url = new URL(consoleLinkFor(tenant));
  url.searchParams.set("next", path);
  return url.toString();
}

/** The console's billing page for the organization, through its sign-in (which returns there). */
export function consoleBillingLinkFor(tenant: { slug: string }): string {
  return consoleLinkTo(tenant, "/console/billing");
}
