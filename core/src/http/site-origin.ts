/**
 * Links we send out (e-mail) point at the tenant's canonical host — its primary domain, else its
 * platform subdomain — never at the host the request named: a forged `Host` or
 * `X-Forwarded-Host`/`-Port` must not end up in a sign-in link mailed to a member.
 */
export function canonicalTenantHost(
  tenant: { slug: string; primaryHost: string | null },
  platformDomain: string,
): string {
  return tenant.primaryHost ?? `${tenant.slug}.${platformDomain}`;
}

/**
 * The public origin of a tenant host: hosts under `localhost` are the development setup (plain
 * HTTP on the runtime's public port), anything else is served over TLS on the default port — the
 * same rule the control plane and the provisioning worker use for their links.
 */
export function tenantSiteOrigin(host: string, publicPort: number): string {
  const local = host === "localhost" || host.endsWith(".localhost");
  return local ? `http://${host}:${publicPort}` : `https://${host}`;
}
