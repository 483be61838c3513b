import { domainToASCII } from "node:url";

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * Normalize a Host header to the form domains are stored in: lower-case ASCII (punycode), no
 * port, no trailing dot. Returns null for anything that is not a plausible DNS host name
 * (IP literals included: tenants are never served on a bare IP).
 */
export function normalizeHost(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let host = raw.trim();
  if (host.length === 0 || host.length > 300) return null;
  if (host.startsWith("[")) return null; // IPv6 literal
  // domainToASCII would quietly cut "evil.com/path" to "evil.com": refuse URL syntax outright.
  if (/[\s/\\@?#%]/.test(host)) return null;
  const colon = host.lastIndexOf(":");
  if (colon !== -1) {
    const port = host.slice(colon + 1);
    if (!/^\d{1,5}$/.test(port)) return null;
    host = host.slice(0, colon);
  }
  if (host.endsWith(".")) host = host.slice(0, -1);
  const ascii = domainToASCII(host.toLowerCase());
  if (!ascii || ascii.length > 253) return null;
  const labels = ascii.split(".");
  if (!labels.every((l) => LABEL.test(l))) return null;
  if (/^\d+$/.test(labels.at(-1) ?? "")) return null; // IPv4 literal or numeric TLD
  return ascii;
}
