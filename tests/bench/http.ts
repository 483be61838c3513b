// HTTP benchmarks of the tenant runtime against plain Next pages served by the same process, in the
// same run (DESIGN.md "Performance and scale targets"). Loopback only; the apps must be built.
//
// Nothing of ours is imported at the top: core reads its environment once, at first import, and
// the isolated platform needs its own data dir and port there (prepareHttpBenchEnv, from run.ts).
import { closeSync, mkdirSync, openSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { loadavg } from "node:os";
import autocannon from "autocannon";
import type { Figure } from "./harness";

/** Its own ports and data dir, so it runs beside `npm start` (3000/3001) and the e2e platform (3200/3201). */
export const HTTP_BENCH = {
  controlPlanePort: 3300,
  tenantAppPort: 3301,
  workerHttpPort: 3302,
  resendEmulatorPort: 4310,
  vercelEmulatorPort: 4320,
  pgPort: 54369,
  dataDir: ".data/bench-http",
  logFile: ".data/bench-http/apps.log",
} as const;

const CONNECTIONS = 16;
/** The signed-in pair again under heavier load: latency at saturation on this 2-core machine. */
const HEAVY_CONNECTIONS = 50;
const SERVER_WARMUP_S = 3;
const WARMUP_S = 2;
const DURATION_S = 10;
const TARGET_RATIO = 0.8;
const SLUG = "aurora-records";
const TENANT_HOST = `${SLUG}.localhost:${HTTP_BENCH.tenantAppPort}`;
const BASE_HOST = `localhost:${HTTP_BENCH.tenantAppPort}`;
const MEMBER_EMAIL = `owner@${SLUG}.example`;
const MEMBER_NAME = "Owner of Aurora Records"; // provisioning/src/demo-seed.ts

/**
 * Point core's environment at the isolated platform. Must run before anything imports @mw/core.
 * DATABASE_URL is hidden from core (the platform always gets its own embedded Postgres) but kept
 * in process.env for the database benches, whose harness reads it per call.
 */
export async function prepareHttpBenchEnv(): Promise<void> {
  process.env.DATA_DIR = HTTP_BENCH.dataDir;
  process.env.EMBEDDED_PG_PORT = String(HTTP_BENCH.pgPort);
  const external = process.env.DATABASE_URL;
  delete process.env.DATABASE_URL;
  delete process.env.CONTROL_DATABASE_URL;
  delete process.env.RUNTIME_DATABASE_URL;
  await import("@mw/core/env");
  if (external) process.env.DATABASE_URL = external;
}

interface Target {
  label: string;
  path: string;
  headers: Record<string, string>;
  /** Every response must be 2xx and contain all of these, or it counts as failed, not as throughput. */
  markers: string[];
}

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  failed: Record<string, number>;
  failedTotal: number;
  cache: Record<string, number>;
  bytes: number;
  /** Failed responses of the warm-up run before it (reported too, never dropped). */
  warmup?: Measured;
}

export async function benchHttp(): Promise<void> {
  const { startPlatform } = await import("../../scripts/platform");
  const { emit } = await import("./harness");

  rmSync(HTTP_BENCH.dataDir, { recursive: true, force: true });
  mkdirSync(HTTP_BENCH.dataDir, { recursive: true });
  const fd = openSync(HTTP_BENCH.logFile, "w");
  const t0 = Date.now();
  const platform = await startPlatform({
    controlPlanePort: HTTP_BENCH.controlPlanePort,
    tenantAppPort: HTTP_BENCH.tenantAppPort,
    workerHttpPort: HTTP_BENCH.workerHttpPort,
    build: false,
    resendEmulatorPort: HTTP_BENCH.resendEmulatorPort,
    vercelEmulatorPort: HTTP_BENCH.vercelEmulatorPort,
    appEnv: { BENCH_BASELINE: "1" },
    log: (line) => writeFileSync(fd, `[platform] ${line}\n`),
    stdio: fd,
  });
  console.error(`[bench] platform up in ${Date.now() - t0} ms (app logs: ${HTTP_BENCH.logFile})`);
  try {
    const token = await signIn(platform.ownerUrl, platform.rolePassword);
    const cookie = `mw_session=${token}`;

    const staticBase: Target = {
      label: "baseline static page",
      path: "/baseline/static",
      headers: { host: BASE_HOST },
      markers: ['data-testid="home-hero"', ">Baseline Records</span>"],
    };
    const publicPage: Target = {
      label: `public home of ${SLUG}`,
      path: "/",
      headers: { host: TENANT_HOST },
      markers: ['data-testid="home-hero"', ">Aurora Records</span>"],
    };
    const dynamicBase: Target = {
      label: "baseline dynamic page",
      path: "/baseline/dynamic",
      headers: { host: BASE_HOST },
      markers: ['data-testid="signed-in-as"', ">Baseline Member</dd>"],
    };
    const signedIn: Target = {
      label: `/account of ${MEMBER_EMAIL}`,
      path: "/account",
      headers: { host: TENANT_HOST, cookie },
      markers: ['data-testid="signed-in-as"', `>${MEMBER_NAME}</dd>`],
    };
    const targets = [staticBase, publicPage, dynamicBase, signedIn];
    for (const t of targets) await preflight(t);
    // A fresh server is still compiling hot paths: without this, whichever page goes first loses.
    for (const t of targets) {
      const w = await load(t, SERVER_WARMUP_S, "server warm-up");
      if (w.failedTotal === 0) continue;
      process.exitCode = 1;
      emit({
        bench: "runtime_http",
        metric: "server_warmup_failed_responses",
        value: w.failedTotal,
        unit: "responses",
        url: `http://${t.headers.host}${t.path}`,
        by_status: w.failed,
      });
    }

    const pairs = [
      { bench: "runtime_public_page", base: staticBase, page: publicPage, connections: CONNECTIONS },
      { bench: "runtime_signed_in_page", base: dynamicBase, page: signedIn, connections: CONNECTIONS },
      { bench: "runtime_signed_in_page_c50", base: dynamicBase, page: signedIn, connections: HEAVY_CONNECTIONS },
    ];
    for (const { bench, base, page, connections } of pairs) {
      // Everything else on the machine skews these: the 1-minute load average goes with the figure.
      const load1m = loadavg()[0] ?? 0;
      const b = await measure(base, connections);
      const m = await measure(page, connections);
      const common = {
        url: `http://${page.headers.host}${page.path}`,
        baseline_url: `http://${base.headers.host}${base.path}`,
      };
      const figures: Figure[] = [
        {
          bench,
          metric: "req_per_s",
          value: m.rps,
          unit: "req/s",
          baseline: b.rps,
          target: TARGET_RATIO,
          ...common,
          connections,
          duration_s: DURATION_S,
          responses: m.ok,
          baseline_responses: b.ok,
          bytes: m.bytes,
          baseline_bytes: b.bytes,
          ...(Object.keys(m.cache).length > 0 ? { x_nextjs_cache: m.cache } : {}),
          load_avg_1m_before: Math.round(load1m * 100) / 100,
        },
        { bench, metric: "latency_p50", value: m.p50, unit: "ms", baseline: b.p50, connections, ...common },
        { bench, metric: "latency_p99", value: m.p99, unit: "ms", baseline: b.p99, connections, ...common },
      ];
      for (const [which, r, t] of [
        ["baseline", b, base],
        ["page", m, page],
      ] as const) {
        for (const [phase, run] of [
          ["", r],
          ["warmup_", r.warmup],
        ] as const) {
          if (!run || run.failedTotal === 0) continue;
          process.exitCode = 1;
          figures.push({
            bench,
            metric: `${which}_${phase}failed_responses`,
            value: run.failedTotal,
            unit: "responses",
            url: `http://${t.headers.host}${t.path}`,
            by_status: run.failed,
          });
        }
      }
      for (const f of figures) emit(f);
    }
  } finally {
    await platform.stop();
    closeSync(fd);
  }
}

/** A session for a demo member, through core's sign-in as the runtime does it (role mw_runtime). */
async function signIn(ownerUrl: string, rolePassword: string): Promise<string> {
  const [{ openDatabase, roleUrl }, { newId }, { readEntitlements }, { HostResolver }, sessions, seed] =
    await Promise.all([
      import("@mw/core/db"),
      import("@mw/core/ids"),
      import("@mw/core/plans"),
      import("@mw/core/runtime"),
      import("@mw/core/sessions"),
      import("@mw/provisioning/demo-seed"),
    ]);
  const runtime = openDatabase(roleUrl(ownerUrl, "mw_runtime", rolePassword), { max: 2 });
  try {
    const resolver = new HostResolver(runtime);
    const tenant = await resolver.resolve(TENANT_HOST);
    if (!tenant) throw new Error(`bench: ${TENANT_HOST} does not resolve to a tenant`);
    const { token } = await sessions.signInWithPassword({
      ctx: {
        tenant: { id: tenant.tenantId, slug: tenant.slug, status: tenant.status, plan: tenant.plan },
        database: runtime,
        entitlements: readEntitlements(tenant.entitlements),
        requestId: newId("request"),
        ip: "127.0.0.1",
        userAgent: "mw-bench-http",
      },
      input: { email: MEMBER_EMAIL, password: seed.DEMO_PASSWORD },
    });
    return token;
  } finally {
    await runtime.close();
  }
}

/** One request by hand before the load: it must be a 200 with the expected content (not a redirect). */
async function preflight(t: Target): Promise<void> {
  let last = await get(t);
  // The first request of a tenant page renders it (ISR); from then on it must come from the cache.
  for (let i = 0; i < 3 && last.status === 200 && last.cache && last.cache !== "HIT"; i++) last = await get(t);
  const problem =
    last.status !== 200
      ? `status ${last.status}${last.location ? ` → ${last.location}` : ""}`
      : !hasAll(last.body, t.markers)
        ? `not all of ${JSON.stringify(t.markers)} in the body`
        : null;
  if (problem) {
    const hint = t.path.startsWith("/baseline/")
      ? " (is the tenant-app build older than app/baseline? rebuild: npx turbo run build --filter=@mw/tenant-app)"
      : "";
    throw new Error(`bench: ${t.label} (${t.headers.host}${t.path}): ${problem}${hint}`);
  }
  console.error(
    `[bench] ${t.label}: 200, ${last.body.length} bytes${last.cache ? `, x-nextjs-cache: ${last.cache}` : ""}`,
  );
}

function get(t: Target): Promise<{ status: number; location?: string; cache?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "localhost", port: HTTP_BENCH.tenantAppPort, path: t.path, headers: t.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString("utf8"),
            ...(res.headers.location ? { location: res.headers.location } : {}),
            ...(typeof res.headers["x-nextjs-cache"] === "string" ? { cache: res.headers["x-nextjs-cache"] } : {}),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end();
  });
}

/** A warm-up run, then the measured one; each response is checked, failures are never throughput. */
async function measure(t: Target, connections = CONNECTIONS): Promise<Measured> {
  const warmup = await load(t, WARMUP_S, "warm-up", connections);
  return { ...(await load(t, DURATION_S, "measured", connections)), warmup };
}

async function load(t: Target, seconds: number, phase: string, connections = CONNECTIONS): Promise<Measured> {
  let ok = 0;
  let bytes = 0;
  const failed: Record<string, number> = {};
  const cache: Record<string, number> = {};
  const fail = (why: string) => {
    failed[why] = (failed[why] ?? 0) + 1;
  };
  const result = await autocannon({
    url: `http://localhost:${HTTP_BENCH.tenantAppPort}${t.path}`,
    connections,
    duration: seconds,
    headers: t.headers,
    requests: [
      {
        method: "GET",
        onResponse: (status, body, _context, headers) => {
          const c = headerValue(headers, "x-nextjs-cache");
          if (c) cache[c] = (cache[c] ?? 0) + 1;
          if (status < 200 || status > 299) fail(String(status));
          else if (!hasAll(body, t.markers)) fail(`${status} without the expected content`);
          else {
            ok++;
            if (bytes === 0) bytes = Buffer.byteLength(body);
          }
        },
      },
    ],
  });
  if (result.errors > 0) failed["connection errors"] = result.errors;
  if (result.timeouts > 0) failed.timeouts = result.timeouts;
  const failedTotal = Object.values(failed).reduce((a, b) => a + b, 0);
  if (failedTotal > 0) console.error(`[bench] ${t.label} (${phase}): failed responses ${JSON.stringify(failed)}`);
  const rps = ok / result.duration;
  console.error(
    `[bench] ${t.label} (${phase}, ${seconds} s, ${connections} connections): ${rps.toFixed(0)} req/s ok, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`,
  );
  return { rps, p50: result.latency.p50, p99: result.latency.p99, ok, failed, failedTotal, cache, bytes };
}

const hasAll = (body: string, markers: string[]): boolean => markers.every((m) => body.includes(m));

function headerValue(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name) return String(v);
  return undefined;
}
