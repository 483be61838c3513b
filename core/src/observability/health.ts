import type postgres from "postgres";
import { guardMetrics, type MetricsAccess, metricsAccessFromEnv } from "./http";

/**
 * `/healthz` says the process is up (a supervisor restarts it when this fails); `/readyz` says
 * whether it should get traffic. Readiness is the sum of checks: a critical one failing
 * (the database) makes the instance unready (503, taken out of the load balancer); a
 * non-critical one (the worker heartbeat, a vendor API) makes it "degraded" but still ready,
 * because pages still work without it and pulling every instance would turn a partial outage
 * into a total one.
 */
export interface Check {
  name: string;
  critical: boolean;
  run(): Promise<{ ok: boolean; detail?: string }>;
}

export interface CheckResult {
  name: string;
  ok: boolean;
  critical: boolean;
  ms: number;
  detail?: string;
}

export interface Readiness {
  status: "ready" | "degraded" | "unready";
  checks: CheckResult[];
}

const CHECK_TIMEOUT_MS = 2000;

async function timed(check: Check, timeoutMs: number): Promise<CheckResult> {
  const t0 = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const outcome = await Promise.race([
      check.run(),
      new Promise<{ ok: boolean; detail: string }>((r) => {
        timer = setTimeout(() => r({ ok: false, detail: `no answer within ${timeoutMs} ms` }), timeoutMs);
      }),
    ]);
    return { name: check.name, critical: check.critical, ms: Math.round(performance.now() - t0), ...outcome };
  } catch (err) {
    // Only the kind of failure: a driver's message can carry a host name or a user.
    const code = (err as { code?: string }).code;
    return {
      name: check.name,
      critical: check.critical,
      ok: false,
      ms: Math.round(performance.now() - t0),
      detail: code ? `failed (${code})` : "failed",
    };
  } finally {
    clearTimeout(timer);
  }
}

export async function readiness(checks: Check[], timeoutMs = CHECK_TIMEOUT_MS): Promise<Readiness> {
  const results = await Promise.all(checks.map((c) => timed(c, timeoutMs)));
  const status = results.some((r) => r.critical && !r.ok)
    ? "unready"
    : results.some((r) => !r.ok)
      ? "degraded"
      : "ready";
  return { status, checks: results };
}

const noStore = { "content-type": "application/json", "cache-control": "no-store" };

/**
 * The status for anyone (a load balancer needs no more); which checks failed, how long they took
 * and how many workers run only for whoever may read the metrics (`guardMetrics`), since the probe
 * answers on every tenant's public host.
 */
export async function readinessResponse(
  checks: Check[],
  request: Request,
  access: MetricsAccess = metricsAccessFromEnv(),
): Promise<Response> {
  const r = await readiness(checks);
  const unready = r.status === "unready";
  const body = guardMetrics(request, access) === null ? r : { status: r.status };
  return new Response(JSON.stringify(body), {
    status: unready ? 503 : 200,
    headers: unready ? { ...noStore, "retry-after": "5" } : noStore,
  });
}

export function livenessResponse(service: string): Response {
  return new Response(JSON.stringify({ status: "ok", service, uptimeSeconds: Math.round(process.uptime()) }), {
    status: 200,
    headers: noStore,
  });
}

export function databaseCheck(sql: postgres.Sql): Check {
  return {
    name: "database",
    critical: true,
    async run() {
      await sql`select 1`;
      return { ok: true };
    },
  };
}

/** First key of the workers' presence locks (provisioning/src/worker-presence.ts). */
const PRESENCE_LOCK_CLASS = 1_836_545_904;

/**
 * Whether any provisioning worker is alive: each worker process holds a session advisory lock per
 * worker id while connected, so a count of those is a heartbeat that needs no table or timer.
 */
export function workerCheck(sql: postgres.Sql): Check {
  return {
    name: "worker",
    critical: false,
    async run() {
      const [row] = await sql<{ n: number }[]>`
        select count(*)::int as n from pg_locks
         where locktype = 'advisory' and classid = ${PRESENCE_LOCK_CLASS} and objsubid = 2 and granted`;
      const n = row?.n ?? 0;
      return n > 0
        ? { ok: true, detail: `${n} worker(s)` }
        : { ok: false, detail: "no provisioning worker is running" };
    },
  };
}

/** A vendor API or its local emulator answers at all (any HTTP status counts as reachable). */
export function vendorCheck(name: string, url: string | undefined): Check | null {
  if (!url) return null;
  return {
    name,
    critical: false,
    async run() {
      const res = await fetch(url, { method: "GET", redirect: "manual", signal: AbortSignal.timeout(1500) });
      await res.body?.cancel();
      return { ok: true, detail: `HTTP ${res.status}` };
    },
  };
}
