import { createServer, type Server, type Socket, connect as tcpConnect } from "node:net";

/**
 * A transparent TCP relay in front of Postgres that counts round trips: each time the client
 * writes after having heard from the server (or for the first time) starts a new one. Pipelined
 * statements go out as one flight however many replies come back.
 */
export interface RoundTripCounter {
  /** A copy of `url` that connects through the relay. */
  url(url: string): string;
  /** Round trips started since the last `reset()`, over every relayed connection. */
  readonly count: number;
  reset(): void;
  close(): Promise<void>;
}

export async function startRoundTripCounter(targetUrl: string): Promise<RoundTripCounter> {
  const target = new URL(targetUrl);
  let count = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = tcpConnect(Number(target.port), target.hostname);
    let serverSpokeLast = true;
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.on("data", (chunk) => {
      if (serverSpokeLast) count++;
      serverSpokeLast = false;
      upstream.write(chunk);
    });
    upstream.on("data", (chunk) => {
      serverSpokeLast = true;
      client.write(chunk);
    });
    client.on("end", () => upstream.end());
    upstream.on("end", () => client.end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("relay has no port");
  return {
    url(url) {
      const u = new URL(url);
      u.hostname = "127.0.0.1";
      u.port = String(address.port);
      return u.toString();
    },
    get count() {
      return count;
    },
    reset() {
      count = 0;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
