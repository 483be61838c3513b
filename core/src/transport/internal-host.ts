/** Names that only reach this machine: an internal route addressed by one came from inside. */
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/**
 * Whether a request to an internal route (the signed revalidation route) was addressed to an
 * internal name: a loopback name or one of `allowed` (host names, no port). `host` is the `Host`
 * header as received, port included; a tenant's public host is never internal, so the route is not
 * an endpoint of every tenant site even with a valid signature (issue 7.11).
 */
export function isInternalHost(host: string | null, allowed: readonly string[]): boolean {
  if (!host) return false;
  // Only a host and a port: no user info, path or anything the URL parser would read past.
  if (!/^[A-Za-z0-9.\-[\]:]+$/.test(host)) return false;
  let hostname: string;
  try {
    // The URL parser splits host and port (IPv6 in brackets too) and lower-cases the name.
    hostname = new URL(`http://${host}`).hostname;
  } catch {
    return false;
  }
  return LOOPBACK.has(hostname) || allowed.some((a) => a.toLowerCase() === hostname);
}
