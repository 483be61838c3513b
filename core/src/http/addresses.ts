import { BlockList, isIP } from "node:net";

/**
 * An IP address as it appears in a socket or an `X-Forwarded-For` entry, in one comparable form:
 * IPv4-mapped IPv6 (`::ffff:10.0.0.1`, what a dual-stack socket reports) as IPv4, brackets, an
 * IPv6 zone and a port (`1.2.3.4:5678`, `[::1]:443`, which some proxies write) removed. Anything
 * else — `unknown`, a host name, an obfuscated id from RFC 7239 — is null.
 */
export function normalizeAddress(raw: string | null | undefined): string | null {
  let s = (raw ?? "").trim();
  if (!s || s.length > 100) return null;
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(s);
  if (bracketed?.[1]) s = bracketed[1];
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d{1,5}$/.test(s)) s = s.slice(0, s.lastIndexOf(":"));
  s = s.split("%")[0] ?? s;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(s);
  if (mapped?.[1]) s = mapped[1];
  const family = isIP(s);
  if (family === 4) return s;
  if (family === 6) return s.toLowerCase();
  return null;
}

/** Named sets an operator may write instead of ranges (a container network, a local proxy). */
const NAMED: Record<string, string[]> = {
  loopback: ["127.0.0.0/8", "::1/128"],
  private: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"],
  linklocal: ["169.254.0.0/16", "fe80::/10"],
};

/** The proxies whose forwarded headers we believe. Empty (the default) believes nobody. */
export interface TrustedProxies {
  readonly empty: boolean;
  /** Whether a (normalized) address belongs to a trusted proxy. */
  has(address: string): boolean;
  /** The setting as written, for logs and errors. */
  readonly spec: string;
}

/**
 * Parse the `TRUSTED_PROXIES` setting: addresses and CIDR ranges (`10.0.0.0/8`, `2001:db8::/32`)
 * and the names `loopback`, `private`, `linklocal`, separated by commas or spaces. A hop count is
 * deliberately not offered: it trusts whoever is N hops away, which silently becomes the client
 * the day a proxy is removed or added; naming the proxies cannot go wrong that way.
 * Throws on anything it does not understand — a typo must not quietly trust nobody (or everybody).
 */
export function parseTrustedProxies(spec: string | null | undefined): TrustedProxies {
  const list = new BlockList();
  const entries = (spec ?? "").split(/[\s,]+/).filter(Boolean);
  for (const entry of entries) {
    for (const item of NAMED[entry.toLowerCase()] ?? [entry]) addEntry(list, item, entry);
  }
  return {
    empty: entries.length === 0,
    spec: entries.join(","),
    has: (address) => {
      const family = isIP(address);
      return family !== 0 && list.check(address, family === 4 ? "ipv4" : "ipv6");
    },
  };
}

/** Whether the connection's own address is one of the trusted proxies. */
export function isTrustedPeer(address: string | null | undefined, trusted: TrustedProxies): boolean {
  const normalized = normalizeAddress(address);
  return normalized !== null && trusted.has(normalized);
}

function addEntry(list: BlockList, item: string, written: string): void {
  const [addr = "", bits, ...rest] = item.split("/");
  const family = isIP(addr);
  const max = family === 4 ? 32 : 128;
  if (family === 0 || rest.length > 0 || (bits !== undefined && !/^\d{1,3}$/.test(bits))) {
    throw new Error(
      `TRUSTED_PROXIES: "${written}" is not an IP address, a CIDR range or one of loopback, private, linklocal`,
    );
  }
  const prefix = bits === undefined ? max : Number(bits);
  if (prefix > max) throw new Error(`TRUSTED_PROXIES: "${written}" has a prefix longer than ${max} bits`);
  list.addSubnet(addr, prefix, family === 4 ? "ipv4" : "ipv6");
}
