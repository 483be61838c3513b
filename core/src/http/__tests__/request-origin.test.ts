import { describe, expect, it } from "vitest";
import { normalizeAddress, parseTrustedProxies } from "../addresses";
import { mergeVary } from "../peer-stamp";
import { originString, type Peer, parseHostHeader, type RequestOrigin, requestOrigin } from "../request-origin";
import { canonicalTenantHost, tenantSiteOrigin } from "../site-origin";

const NOBODY = parseTrustedProxies("");
const LB = parseTrustedProxies("10.0.0.0/8, 2001:db8:1::/48");
const LOCAL = parseTrustedProxies("loopback");

const FORGED = {
  "x-forwarded-host": "forest-fm.localhost",
  "x-forwarded-proto": "https",
  "x-forwarded-port": "6666",
  "x-forwarded-for": "6.6.6.6",
};

interface Case {
  name: string;
  headers: Record<string, string>;
  peer: Peer | null;
  trusted?: ReturnType<typeof parseTrustedProxies>;
  want: Partial<RequestOrigin>;
}

const direct = (address: string): Peer => ({ address, tls: false });

const CASES: Case[] = [
  // Trust nobody (the default): forwarded headers are whatever the client typed.
  {
    name: "plain request: Host and the socket",
    headers: { host: "aurora-records.localhost:3001" },
    peer: direct("127.0.0.1"),
    want: { host: "aurora-records.localhost", port: 3001, protocol: "http", clientAddress: "127.0.0.1" },
  },
  {
    name: "forged X-Forwarded-* from a client are ignored",
    headers: { host: "aurora-records.localhost:3001", ...FORGED },
    peer: direct("203.0.113.9"),
    want: {
      host: "aurora-records.localhost",
      port: 3001,
      protocol: "http",
      clientAddress: "203.0.113.9",
      viaTrustedProxy: false,
    },
  },
  {
    name: "a client inside the private range is not a proxy unless configured",
    headers: { host: "a.example", ...FORGED },
    peer: direct("10.1.2.3"),
    want: { host: "a.example", port: 80, clientAddress: "10.1.2.3", viaTrustedProxy: false },
  },
  {
    name: "no recorded peer: nothing forwarded is believed, client unknown",
    headers: { host: "a.example", ...FORGED },
    peer: null,
    trusted: LB,
    want: { host: "a.example", protocol: "http", port: 80, clientAddress: null, viaTrustedProxy: false },
  },
  {
    name: "TLS socket: https and 443 by default",
    headers: { host: "a.example" },
    peer: { address: "198.51.100.4", tls: true },
    want: { protocol: "https", port: 443 },
  },
  {
    name: "IPv4-mapped socket address is reported as IPv4",
    headers: { host: "a.example" },
    peer: direct("::ffff:192.0.2.1"),
    want: { clientAddress: "192.0.2.1" },
  },
  {
    name: "Host with URL syntax is unusable",
    headers: { host: "evil.example/path" },
    peer: direct("192.0.2.1"),
    want: { host: null },
  },
  {
    name: "Next's re-request of an original from an untrusted client: the headers Next filled in",
    headers: {
      host: "localhost:3001",
      "x-forwarded-host": "aurora-records.localhost:3001",
      "x-forwarded-port": "3001",
      "x-forwarded-for": "203.0.113.9",
    },
    peer: { address: "203.0.113.9", tls: false, relayed: true },
    want: { host: "aurora-records.localhost", port: 3001, clientAddress: "203.0.113.9" },
  },
  // Behind a trusted proxy.
  {
    name: "trusted proxy: its forwarded headers win",
    headers: { host: "internal:3001", ...FORGED, "x-forwarded-for": "198.51.100.7" },
    peer: direct("10.0.0.5"),
    trusted: LB,
    want: {
      host: "forest-fm.localhost",
      protocol: "https",
      port: 6666,
      clientAddress: "198.51.100.7",
      viaTrustedProxy: true,
    },
  },
  {
    name: "trusted proxy that appends: the client's own X-Forwarded-For entry is skipped",
    headers: { host: "a.example", "x-forwarded-for": "6.6.6.6, 198.51.100.7" },
    peer: direct("10.0.0.5"),
    trusted: LB,
    want: { clientAddress: "198.51.100.7" },
  },
  {
    name: "two trusted hops: the first untrusted address from the right",
    headers: { host: "a.example", "x-forwarded-for": "6.6.6.6, 198.51.100.7, 10.9.9.9" },
    peer: direct("10.0.0.5"),
    trusted: LB,
    want: { clientAddress: "198.51.100.7" },
  },
  {
    name: "appended host/proto/port lists: the last value (the nearest proxy's) counts",
    headers: {
      host: "internal",
      "x-forwarded-host": "evil.example, b.example",
      "x-forwarded-proto": "http, https",
      "x-forwarded-port": "6666, 443",
    },
    peer: direct("10.0.0.5"),
    trusted: LB,
    want: { host: "b.example", protocol: "https", port: 443 },
  },
  {
    name: "trusted proxy without X-Forwarded-Host: the Host header",
    headers: { host: "a.example:8443", "x-forwarded-proto": "https" },
    peer: direct("10.0.0.5"),
    trusted: LB,
    want: { host: "a.example", protocol: "https", port: 8443 },
  },
  {
    name: "garbage on the walk makes the client unknown",
    headers: { host: "a.example", "x-forwarded-for": "198.51.100.7, unknown" },
    peer: direct("10.0.0.5"),
    trusted: LB,
    want: { clientAddress: null },
  },
  {
    name: "entries with ports and brackets are read as addresses",
    headers: { host: "a.example", "x-forwarded-for": "[2001:db8:2::9]:4711, 10.0.0.7:3000" },
    peer: direct("10.0.0.5"),
    trusted: LB,
    want: { clientAddress: "2001:db8:2::9" },
  },
  {
    name: "only trusted hops: the farthest of them",
    headers: { host: "a.example", "x-forwarded-for": "10.0.0.9" },
    peer: direct("10.0.0.5"),
    trusted: LB,
    want: { clientAddress: "10.0.0.9" },
  },
  {
    name: "trusted IPv6 proxy",
    headers: { host: "a.example", "x-forwarded-for": "198.51.100.7" },
    peer: direct("2001:db8:1::1"),
    trusted: LB,
    want: { clientAddress: "198.51.100.7", viaTrustedProxy: true },
  },
  {
    name: "invalid forwarded proto and port fall back to the socket and Host",
    headers: { host: "a.example:8080", "x-forwarded-proto": "gopher", "x-forwarded-port": "99999" },
    peer: direct("127.0.0.1"),
    trusted: LOCAL,
    want: { protocol: "http", port: 8080 },
  },
  {
    name: "unusable forwarded host falls back to Host",
    headers: { host: "a.example", "x-forwarded-host": "evil.example/x" },
    peer: direct("127.0.0.1"),
    trusted: LOCAL,
    want: { host: "a.example" },
  },
];

describe("requestOrigin", () => {
  it.each(CASES)("$name", ({ headers, peer, trusted, want }) => {
    const got = requestOrigin({ headers: new Headers(headers), peer, trusted: trusted ?? NOBODY });
    expect(got).toMatchObject(want);
  });

  it("builds an origin string without the default port", () => {
    expect(originString({ host: "a.example", protocol: "https", port: 443 })).toBe("https://a.example");
    expect(originString({ host: "a.localhost", protocol: "http", port: 3001 })).toBe("http://a.localhost:3001");
    expect(originString({ host: null, protocol: "http", port: 80 })).toBeNull();
  });
});

describe("parseTrustedProxies", () => {
  it("trusts nobody when empty", () => {
    expect(NOBODY.empty).toBe(true);
    expect(NOBODY.has("127.0.0.1")).toBe(false);
  });

  it.each([
    ["10.0.0.0/8", "10.255.1.1", true],
    ["10.0.0.0/8", "11.0.0.1", false],
    ["192.0.2.10", "192.0.2.10", true],
    ["192.0.2.10", "192.0.2.11", false],
    ["loopback", "127.0.0.1", true],
    ["loopback", "::1", true],
    ["private", "172.20.0.3", true],
    ["private", "fd12::1", true],
    ["private", "8.8.8.8", false],
    ["2001:db8::/32", "2001:db8:ffff::1", true],
  ])("%s trusts %s: %s", (spec, address, trusted) => {
    expect(parseTrustedProxies(spec).has(address)).toBe(trusted);
  });

  it.each(["10.0.0.0/33", "proxy.internal", "10.0.0.1/8/2", "*", "1"])("refuses %s", (spec) => {
    expect(() => parseTrustedProxies(spec)).toThrow(/TRUSTED_PROXIES/);
  });
});

describe("normalizeAddress", () => {
  it.each([
    ["::ffff:10.0.0.1", "10.0.0.1"],
    ["[::1]:443", "::1"],
    ["1.2.3.4:5678", "1.2.3.4"],
    ["fe80::1%eth0", "fe80::1"],
    ["2001:DB8::1", "2001:db8::1"],
    ["unknown", null],
    ["_hidden", null],
    ["", null],
  ])("%s → %s", (raw, want) => {
    expect(normalizeAddress(raw)).toBe(want);
  });
});

describe("parseHostHeader", () => {
  it.each([
    ["Aurora-Records.localhost:3001", { host: "aurora-records.localhost", port: 3001 }],
    ["[::1]:3000", { host: "[::1]", port: 3000 }],
    ["a.example", { host: "a.example", port: null }],
    ["a.example:0", null],
    ["a.example:70000", null],
    ["user@a.example", null],
    ["a.example x", null],
    ["", null],
  ])("%s", (raw, want) => {
    expect(parseHostHeader(raw)).toEqual(want);
  });
});

describe("links go to the canonical host", () => {
  it("uses the primary domain, else the platform subdomain", () => {
    expect(canonicalTenantHost({ slug: "aurora", primaryHost: "music.aurora.example" }, "localhost")).toBe(
      "music.aurora.example",
    );
    expect(canonicalTenantHost({ slug: "aurora", primaryHost: null }, "musicalwheel.app")).toBe(
      "aurora.musicalwheel.app",
    );
  });

  it("serves localhost hosts on the public port, others over TLS", () => {
    expect(tenantSiteOrigin("aurora.localhost", 3001)).toBe("http://aurora.localhost:3001");
    expect(tenantSiteOrigin("music.aurora.example", 3001)).toBe("https://music.aurora.example");
  });
});

describe("mergeVary", () => {
  it.each([
    [undefined, "X-Forwarded-Host"],
    ["rsc, Accept-Encoding", "rsc, Accept-Encoding, X-Forwarded-Host"],
    [["rsc", "x-forwarded-host"], "rsc, x-forwarded-host"],
    ["*", "*"],
  ])("%s", (current, want) => {
    expect(mergeVary(current, ["X-Forwarded-Host"])).toBe(want);
  });
});
