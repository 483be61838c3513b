import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type Check,
  databaseCheck,
  livenessResponse,
  log,
  type MetricsAccess,
  metricsResponse,
  readinessResponse,
} from "@mw/core/observability";
import postgres from "postgres";
import { registerPlatformGauges } from "./metrics";

export interface WorkerHttp {
  url: string;
  /** Answers 503 on /readyz from now on (a stop has begun), then closes. */
  close(): Promise<void>;
}

/**
 * A worker has no pages, but it is operated like the apps: `/healthz` (up), `/readyz` (its job
 * queue database answers and it is not stopping) and `/metrics` (step durations, job outcomes,
 * outbox, queue depth and lag, runs by state) behind the same METRICS_TOKEN / METRICS_OPEN switch.
 */
export async function startWorkerHttp(opts: {
  port: number;
  host?: string;
  /** Owner connection: graphile-worker's tables and provisioning_runs. */
  ownerUrl: string;
  /** Who may read /metrics and readiness details (default METRICS_TOKEN / METRICS_OPEN). */
  metrics?: MetricsAccess;
}): Promise<WorkerHttp> {
  // Its own two connections, each statement bounded, so a slow database delays a probe or a
  // scrape by at most two seconds and never takes a job's connection.
  const sql = postgres(opts.ownerUrl, {
    max: 2,
    idle_timeout: 30,
    connect_timeout: 2,
    onnotice: () => {},
    connection: { application_name: "mw_worker_http", statement_timeout: 2000 },
  });
  registerPlatformGauges(sql);
  let stopping = false;
  const checks: Check[] = [
    databaseCheck(sql),
    {
      name: "worker",
      critical: true,
      run: async () => (stopping ? { ok: false, detail: "stopping" } : { ok: true }),
    },
  ];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://worker.invalid");
    const request = new Request(url, { method: req.method ?? "GET", headers: req.headers as HeadersInit });
    const answer = async (): Promise<Response> => {
      if (req.method !== "GET" && req.method !== "HEAD") return new Response("Method not allowed\n", { status: 405 });
      if (url.pathname === "/healthz") return livenessResponse("worker");
      if (url.pathname === "/readyz") return readinessResponse(checks, request, opts.metrics);
      if (url.pathname === "/metrics") return metricsResponse(request, opts.metrics);
      return new Response("Not found\n", { status: 404 });
    };
    answer()
      .then(async (r) => {
        res.writeHead(r.status, Object.fromEntries(r.headers));
        res.end(req.method === "HEAD" ? undefined : Buffer.from(await r.arrayBuffer()));
      })
      .catch((err) => {
        log.error({ err }, "worker http request failed");
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
        res.end("Internal error\n");
      });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host ?? "127.0.0.1", () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === "IPv6" ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${host}:${addr.port}`,
    close: () => {
      stopping = true;
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections();
      return closed.then(() => sql.end({ timeout: 2 }));
    },
  };
}
