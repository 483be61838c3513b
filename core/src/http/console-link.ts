/**
 * Where a tenant's admins sign in to their admin console, with the organization named: the console
 * lives on the control plane, not on the tenant's host, and a sign-in that already knows the tenant
 * does not ask for its slug. The slug is a hint only (it is the public subdomain anyway): the
 * console's sign-in looks it up again and the password check decides who gets in.
 */
export function consoleSignInLink(controlPlaneUrl: string, slug: string): string {
  const url = new URL("/console/sign-in", controlPlaneUrl);
  url.searchParams.set("org", slug);
  return url.toString();
}
