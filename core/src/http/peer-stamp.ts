import { randomBytes, timingSafeEqual } from "node:crypto";
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import { isTrustedPeer, normalizeAddress, type TrustedProxies } from "./addresses";
import type { HeaderSource, Peer } from "./request-origin";

/**
 * Next.js does not tell an app who is on the other end of the connection: `NextRequest.ip` is
 * gone, and `next start` only copies the socket's address into `X-Forwarded-For` when the client
 * did not send one (`??=`), so a forged header and the real address look the same. The socket is
 * only visible to Node's HTTP server, which announces every request on the
 * `http.server.request.start` diagnostics channel before Next sees it. We listen there and write
 * the peer into a request header of our own, replacing whatever the client sent under that name.
 *
 * The header carries a random per-process token: requests accepted before the subscription
 * existed (during start-up) carry no stamp, and one a client wrote itself cannot carry the
 * token, so neither is mistaken for the socket's word.
 */
export const PEER_HEADER = "mw-peer";

interface StampState {
  token: string;
}

const STATE = Symbol.for("musicalwheel.peer-stamp");
type Global = typeof globalThis & { [STATE]?: StampState };

/**
 * What a proxy writes about the original request. From a peer that is not a trusted proxy they are
 * client input: removed before Next sees the request, so Next's own uses of them (the Server
 * Actions origin check compares Origin with `X-Forwarded-Host`, `request.url` takes its protocol
 * from `X-Forwarded-Proto`) see the values Next itself fills in from the socket and `Host`.
 */
const FORWARDED_HEADERS = [
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  "x-forwarded-for",
  "x-real-ip",
  "forwarded",
];

export interface PeerStampOptions {
  /** Proxies whose forwarded headers are kept; from any other peer they are removed. */
  trusted: TrustedProxies;
  /**
   * Fields added to every response's `Vary` (merged, not replaced). Next overwrites the `Vary` of
   * app pages with its own (vercel/next.js#85999), dropping one set by proxy.ts or next.config,
   * so the tenant runtime adds `X-Forwarded-Host` here, where the response is written.
   */
  vary?: string[];
}

/** Idempotent: a second call (dev reloads) keeps the first subscription and token. */
export function installPeerStamp(options: PeerStampOptions): void {
  const g = globalThis as Global;
  if (g[STATE]) return;
  const state: StampState = { token: randomBytes(18).toString("base64url") };
  g[STATE] = state;
  const vary = options.vary ?? [];
  subscribe("http.server.request.start", (message) => {
    const { request, response, socket } = message as {
      request: IncomingMessage;
      response: ServerResponse;
      socket: TLSSocket;
    };
    const address = socket.remoteAddress ?? "";
    const incoming = request.headers[PEER_HEADER];
    const relayed = typeof incoming === "string" ? parseStamp(incoming, state) : null;
    if (relayed && isLoopback(address)) {
      // Next's own request to itself (a Server Action rendering its redirect target fetches it from
      // localhost with the original request's headers, the Host in X-Forwarded-Host). Only this
      // process knows the token, so this hop is ours: keep the original peer and the forwarded
      // headers, which were already cleaned when the original request came in.
      request.headers[PEER_HEADER] = `${state.token} ${relayed.address} ${relayed.tls ? "https" : "http"} relay`;
    } else {
      request.headers[PEER_HEADER] = `${state.token} ${address} ${socket.encrypted ? "https" : "http"}`;
      if (!isTrustedPeer(address, options.trusted)) for (const name of FORWARDED_HEADERS) delete request.headers[name];
    }
    if (vary.length > 0) addVary(response, vary);
  });
}

/** The socket's peer as recorded by the stamp, or null (not installed, or not our stamp). */
export function readPeer(headers: HeaderSource): Peer | null {
  const state = (globalThis as Global)[STATE];
  const value = headers.get(PEER_HEADER);
  return state && value ? parseStamp(value, state) : null;
}

function parseStamp(value: string, state: StampState): Peer | null {
  const [token = "", address = "", protocol, relay] = value.split(" ");
  const a = Buffer.from(token);
  const b = Buffer.from(state.token);
  if (a.length !== b.length || !timingSafeEqual(a, b) || !address) return null;
  return { address, tls: protocol === "https", ...(relay === "relay" ? { relayed: true } : {}) };
}

const isLoopback = (address: string) => {
  const a = normalizeAddress(address);
  return a !== null && (a === "::1" || a.startsWith("127."));
};

/** Merge `fields` into the response's Vary at the moment its head is written. */
function addVary(res: ServerResponse, fields: string[]): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    const headersArg = args.find((a, i) => i > 0 && a !== null && typeof a === "object" && !Array.isArray(a)) as
      | OutgoingHttpHeaders
      | undefined;
    const key = headersArg && Object.keys(headersArg).find((k) => k.toLowerCase() === "vary");
    if (headersArg && key) headersArg[key] = mergeVary(headersArg[key], fields);
    else if (!this.headersSent) this.setHeader("vary", mergeVary(this.getHeader("vary"), fields));
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse["writeHead"];
}

export function mergeVary(current: unknown, fields: string[]): string {
  const existing = (Array.isArray(current) ? current.join(",") : current == null ? "" : String(current))
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (existing.includes("*")) return "*";
  const seen = new Set(existing.map((s) => s.toLowerCase()));
  return [...existing, ...fields.filter((f) => !seen.has(f.toLowerCase()))].join(", ");
}
