import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseTrustedProxies } from "../addresses";
import { installPeerStamp, PEER_HEADER, readPeer } from "../peer-stamp";
import { requestOrigin } from "../request-origin";

// A real Node HTTP server, as under `next start`: the stamp sees each request before the handler.
const trusted = parseTrustedProxies("127.0.0.2");
let server: Server;
let port: number;

beforeAll(async () => {
  installPeerStamp({ trusted, vary: ["X-Forwarded-Host"] });
  server = createServer((req, res) => {
    const h = new Headers(req.headers as Record<string, string>);
    const origin = requestOrigin({ headers: h, peer: readPeer(h), trusted });
    res.setHeader("vary", "rsc, Accept-Encoding");
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ headers: req.headers, peer: readPeer(h), origin }));
  });
  await new Promise<void>((done) => server.listen(0, "0.0.0.0", done));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((done) => server.close(() => done())));

function get(headers: Record<string, string>, localAddress: string) {
  return new Promise<{ vary: string; body: { headers: Record<string, string>; peer: unknown; origin: unknown } }>(
    (done, fail) => {
      const req = request({ host: "127.0.0.1", port, path: "/", headers, localAddress }, (res) => {
        let text = "";
        res.on("data", (c) => {
          text += c;
        });
        res.on("end", () => done({ vary: String(res.headers.vary), body: JSON.parse(text) }));
      });
      req.on("error", fail);
      req.end();
    },
  );
}

const FORGED = {
  host: "aurora.localhost:3001",
  "x-forwarded-host": "forest.localhost",
  "x-forwarded-for": "6.6.6.6",
  "x-forwarded-port": "6666",
  "x-forwarded-proto": "https",
  forwarded: "for=6.6.6.6",
  "x-real-ip": "6.6.6.7",
};

describe("peer stamp", () => {
  it("records the socket's address and drops forwarded headers from an untrusted peer", async () => {
    const { body, vary } = await get({ ...FORGED, [PEER_HEADER]: "forged 127.0.0.2 https" }, "127.0.0.1");
    expect(body.peer).toEqual({ address: "127.0.0.1", tls: false });
    for (const name of ["x-forwarded-host", "x-forwarded-for", "x-forwarded-port", "x-forwarded-proto", "forwarded"]) {
      expect(body.headers[name]).toBeUndefined();
    }
    expect(body.headers["x-real-ip"]).toBeUndefined();
    expect(body.origin).toMatchObject({ host: "aurora.localhost", port: 3001, clientAddress: "127.0.0.1" });
    expect(vary).toBe("rsc, Accept-Encoding, X-Forwarded-Host");
  });

  it("keeps them from a trusted proxy, which then speaks for the client", async () => {
    const { body } = await get(FORGED, "127.0.0.2");
    expect(body.peer).toEqual({ address: "127.0.0.2", tls: false });
    expect(body.origin).toMatchObject({
      host: "forest.localhost",
      protocol: "https",
      port: 6666,
      clientAddress: "6.6.6.6",
      viaTrustedProxy: true,
    });
  });

  it("Next's own re-request (our stamp, from loopback) keeps the original peer and forwarded headers", async () => {
    const first = await get({ host: "aurora.localhost:3001" }, "127.0.0.1");
    const stamp = first.body.headers[PEER_HEADER] ?? "";
    // As Next's Server Action redirect fetch sends it: Host rewritten, the original in X-Forwarded-Host.
    const { body } = await get(
      {
        host: "localhost:3001",
        [PEER_HEADER]: stamp,
        "x-forwarded-host": "aurora.localhost:3001",
        "x-forwarded-for": "127.0.0.1",
      },
      "127.0.0.1",
    );
    expect(body.peer).toEqual({ address: "127.0.0.1", tls: false, relayed: true });
    expect(body.origin).toMatchObject({ host: "aurora.localhost", port: 3001, clientAddress: "127.0.0.1" });
  });

  it("a stamp the client wrote itself is not the socket's word", () => {
    const h = new Headers({ [PEER_HEADER]: "guessed-token 127.0.0.2 https" });
    expect(readPeer(h)).toBeNull();
  });
});
