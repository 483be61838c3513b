import { isTrustedPeer, normalizeAddress, type TrustedProxies } from "./addresses";

/** What the socket itself knows about a request: who connected, and whether over TLS. */
export interface Peer {
  address: string;
  tls: boolean;
  /**
   * The request is Next's own re-request of an earlier one (see peer-stamp.ts): `address` is that
   * request's peer, and its forwarded headers are the ones Next kept or filled in for it.
   */
  relayed?: boolean;
}

/** Reads a request header; `Headers` and Next's `headers()` both fit. */
export interface HeaderSource {
  get(name: string): string | null;
}

/** Where a request was sent and who sent it, as far as we can believe it. */
export interface RequestOrigin {
  /** Lower-case host name (or IP literal) without the port; null when the header is unusable. */
  host: string | null;
  protocol: "http" | "https";
  port: number;
  /** The client's address; null when unknown (no peer recorded, or a proxy wrote garbage). */
  clientAddress: string | null;
  /** Whether forwarded headers were believed (the direct peer is a trusted proxy). */
  viaTrustedProxy: boolean;
}

/**
 * The one place a request's host, protocol, port and client address are derived (issue 7.10).
 *
 * Forwarded headers (`X-Forwarded-Host/-Proto/-Port/-For`) are believed only when the direct peer
 * — the address of the TCP connection, which no header can change — is a trusted proxy. Otherwise
 * they are what the client typed and are ignored: the host is the `Host` header, the protocol the
 * socket's, the client the peer itself.
 *
 * Behind a trusted proxy, host, protocol and port come from the *last* value of their header: the
 * one the proxy nearest us wrote (a proxy that appends keeps whatever the client sent in front of
 * it). The client is found by walking `X-Forwarded-For` from the right past trusted proxies; the
 * first address that is not one of them is the client, because only the entries to its right
 * were written by proxies we trust. An unparseable entry on that walk makes the client unknown.
 */
export function requestOrigin(input: {
  headers: HeaderSource;
  peer: Peer | null;
  trusted: TrustedProxies;
}): RequestOrigin {
  const { headers, trusted } = input;
  const peerAddress = normalizeAddress(input.peer?.address);
  const socketProtocol = input.peer?.tls ? "https" : "http";
  const viaTrustedProxy = peerAddress !== null && (input.peer?.relayed === true || isTrustedPeer(peerAddress, trusted));

  if (!viaTrustedProxy) {
    const hostHeader = parseHostHeader(headers.get("host"));
    return {
      host: hostHeader?.host ?? null,
      protocol: socketProtocol,
      port: hostHeader?.port ?? defaultPort(socketProtocol),
      clientAddress: peerAddress,
      viaTrustedProxy: false,
    };
  }

  const forwardedHost = parseHostHeader(last(headers.get("x-forwarded-host")));
  const hostHeader = forwardedHost ?? parseHostHeader(headers.get("host"));
  const proto = last(headers.get("x-forwarded-proto"))?.toLowerCase();
  const protocol = proto === "https" || proto === "http" ? proto : socketProtocol;
  const forwardedPort = parsePort(last(headers.get("x-forwarded-port")));
  return {
    host: hostHeader?.host ?? null,
    protocol,
    port: forwardedPort ?? hostHeader?.port ?? defaultPort(protocol),
    clientAddress: clientFromChain(headers.get("x-forwarded-for"), peerAddress ?? "", trusted),
    viaTrustedProxy: true,
  };
}

function clientFromChain(header: string | null, peer: string, trusted: TrustedProxies): string | null {
  const chain = (header ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  let nearest: string = peer;
  for (let i = chain.length - 1; i >= 0; i--) {
    const address = normalizeAddress(chain[i]);
    if (address === null) return null;
    if (!trusted.has(address)) return address;
    nearest = address;
  }
  // Every hop is one of ours: the request started at our own proxy (a health check, say).
  return nearest;
}

function last(value: string | null): string | null {
  if (value === null) return null;
  const parts = value.split(",");
  return parts[parts.length - 1]?.trim() || null;
}

const defaultPort = (protocol: "http" | "https") => (protocol === "https" ? 443 : 80);

function parsePort(raw: string | null): number | null {
  if (!raw || !/^\d{1,5}$/.test(raw)) return null;
  const port = Number(raw);
  return port >= 1 && port <= 65535 ? port : null;
}

/**
 * `host[:port]` as RFC 9110 allows it (a reg-name or an IP literal), lower-cased. Anything with URL
 * syntax in it (`evil.example/x`, `a@b`) or an invalid port is refused rather than repaired.
 */
export function parseHostHeader(raw: string | null | undefined): { host: string; port: number | null } | null {
  const value = (raw ?? "").trim().toLowerCase();
  if (!value || value.length > 300) return null;
  const m = /^(\[[0-9a-f:.]+\]|[a-z0-9._-]+)(?::(\d{1,5}))?$/.exec(value);
  if (!m?.[1]) return null;
  if (m[2] !== undefined && parsePort(m[2]) === null) return null;
  return { host: m[1], port: m[2] === undefined ? null : Number(m[2]) };
}

/** `protocol://host[:port]`, the port left out when it is the protocol's default. */
export function originString(o: Pick<RequestOrigin, "host" | "protocol" | "port">): string | null {
  if (!o.host) return null;
  return `${o.protocol}://${o.host}${o.port === defaultPort(o.protocol) ? "" : `:${o.port}`}`;
}
