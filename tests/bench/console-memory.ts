// Memory of the control plane around the first view of the admin console's Domains page (issue 8,
// item 9): RSS of the running `next start` process before and after, in one run, next to what
// loading `@vercel/sdk`'s whole `Vercel` class costs a bare Node process against the five
// standalone functions the adapter loads. Loopback only; the control plane must be built.
//
// Nothing of ours is imported at the top: core reads its environment once, at first import
// (prepareHttpBenchEnv, from run.ts, points it at the benches' own data dir and port).
import { spawnSync } from "node:child_process";
import {
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { fileURLToPath } from "node:url";
import { HTTP_BENCH } from "./http";

const SLUG = "aurora-records";
const ADMIN_EMAIL = `owner@${SLUG}.example`; // provisioning/src/demo-seed.ts
const MB = 2 ** 20;
/** The HTTP bench's isolated platform settings (run.ts prepares core's environment for both). */
const BENCH = { ...HTTP_BENCH, logFile: ".data/bench-http/apps-memory.log" };

export async function benchConsoleMemory(): Promise<void> {
  const { startPlatform } = await import("../../scripts/platform");
  const { emit } = await import("./harness");

  // Same run, bare processes: the SDK's class against what the adapter loads.
  const whole = importFootprint("@vercel/sdk", "await import('@vercel/sdk')");
  const adapter = importFootprint(
    "the adapter",
    `const m = await import(${JSON.stringify(fileURLToPath(new URL("../../core/src/adapters/vercel.ts", import.meta.url)))});
     m.createVercelDomainHosting({ bearerToken: "t", projectId: "prj_bench" });`,
  );
  emit({
    bench: "vercel_sdk_import",
    metric: "rss_growth",
    value: adapter.rssMb,
    unit: "MB",
    baseline: whole.rssMb,
    what: "RSS added by importing core/src/adapters/vercel.ts; baseline: `import('@vercel/sdk')` (the Vercel class)",
  });
  emit({ bench: "vercel_sdk_import", metric: "load_time", value: adapter.ms, unit: "ms", baseline: whole.ms });

  rmSync(BENCH.dataDir, { recursive: true, force: true });
  mkdirSync(BENCH.dataDir, { recursive: true });
  const fd = openSync(BENCH.logFile, "w");
  const platform = await startPlatform({
    controlPlanePort: BENCH.controlPlanePort,
    tenantAppPort: BENCH.tenantAppPort,
    workerHttpPort: BENCH.workerHttpPort,
    build: false,
    resendEmulatorPort: BENCH.resendEmulatorPort,
    vercelEmulatorPort: BENCH.vercelEmulatorPort,
    log: (line) => writeFileSync(fd, `[platform] ${line}\n`),
    stdio: fd,
  });
  try {
    const cookie = await consoleCookie(platform.ownerUrl, platform.rolePassword);
    const pid = pidListeningOn(BENCH.controlPlanePort);
    // The console's layout, session lookup and database pool are warmed by other pages first, so
    // the growth measured below is what the Domains page itself brings in.
    for (const path of ["/console", "/console/members", "/console", "/console/members"]) {
      await page(path, cookie, path === "/console" ? "Your organization at a glance." : "Members");
    }
    const before = await settledRssMb(pid);
    const first = await page("/console/domains", cookie, "Add a custom domain");
    const afterFirst = await settledRssMb(pid);
    for (let i = 0; i < 5; i++) await page("/console/domains", cookie, "Add a custom domain");
    const afterSix = await settledRssMb(pid);
    const common = { process: "control-plane (next start)", url: `/console/domains as ${ADMIN_EMAIL}` };
    emit({ bench: "console_domains_memory", metric: "rss_before", value: before, unit: "MB", ...common });
    emit({
      bench: "console_domains_memory",
      metric: "rss_after_first_view",
      value: afterFirst,
      unit: "MB",
      baseline: before,
      first_view_ms: first.ms,
      ...common,
    });
    emit({
      bench: "console_domains_memory",
      metric: "rss_growth_first_view",
      value: afterFirst - before,
      unit: "MB",
      ...common,
    });
    emit({
      bench: "console_domains_memory",
      metric: "rss_after_six_views",
      value: afterSix,
      unit: "MB",
      baseline: before,
      ...common,
    });
  } finally {
    await platform.stop();
    closeSync(fd);
  }
}

/** RSS growth and time of one import in a fresh Node process (with tsx, for our TypeScript). */
function importFootprint(label: string, body: string): { rssMb: number; ms: number } {
  const script = `const before = process.memoryUsage().rss; const t = performance.now();
    ${body}
    console.log(JSON.stringify({ rss: process.memoryUsage().rss - before, ms: performance.now() - t }));`;
  const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    // @vercel/sdk is a dependency of core: resolve it from there.
    cwd: fileURLToPath(new URL("../../core/", import.meta.url)),
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`bench: importing ${label} failed: ${r.stderr}`);
  const { rss, ms } = JSON.parse(r.stdout) as { rss: number; ms: number };
  return { rssMb: rss / MB, ms };
}

/** A console session for the demo tenant's owner, made by core's sign-in as the console does it. */
async function consoleCookie(ownerUrl: string, rolePassword: string): Promise<string> {
  const [{ openDatabase, roleUrl }, { newId }, { readEntitlements }, sessions, seed] = await Promise.all([
    import("@mw/core/db"),
    import("@mw/core/ids"),
    import("@mw/core/plans"),
    import("@mw/core/sessions"),
    import("@mw/provisioning/demo-seed"),
  ]);
  const control = openDatabase(roleUrl(ownerUrl, "mw_control", rolePassword), { max: 2 });
  try {
    const [t] = await control.sql<
      { id: string; slug: string; status: "active"; plan: string; entitlements: unknown }[]
    >`
      select id, slug, status, plan, entitlements from tenants where slug = ${SLUG}`;
    if (!t) throw new Error(`bench: no demo tenant ${SLUG}`);
    const { token } = await sessions.signInWithPassword({
      ctx: {
        tenant: { id: t.id, slug: t.slug, status: t.status, plan: t.plan },
        database: control,
        entitlements: readEntitlements(t.entitlements),
        requestId: newId("request"),
        ip: "127.0.0.1",
        userAgent: "mw-bench-memory",
      },
      input: { email: ADMIN_EMAIL, password: seed.DEMO_PASSWORD },
      // The console accepts console sessions only.
      kind: "console",
    });
    return `mw_console=${t.id}.${token}`;
  } finally {
    await control.close();
  }
}

async function page(path: string, cookie: string, marker: string): Promise<{ ms: number }> {
  const t = performance.now();
  const res = await fetch(`http://localhost:${BENCH.controlPlanePort}${path}`, {
    headers: { cookie },
    redirect: "manual",
  });
  const body = await res.text();
  if (res.status !== 200 || !body.includes(marker)) {
    throw new Error(`bench: ${path} answered ${res.status}${body.includes(marker) ? "" : ` without "${marker}"`}`);
  }
  return { ms: performance.now() - t };
}

/** VmRSS of a process, read a few times until it stops moving (the page's work may trail the response). */
async function settledRssMb(pid: number): Promise<number> {
  let last = rssMb(pid);
  for (let i = 0; i < 10; i++) {
    await new Promise((r) => setTimeout(r, 300));
    const now = rssMb(pid);
    if (Math.abs(now - last) < 1) return now;
    last = now;
  }
  return last;
}

function rssMb(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!m) throw new Error(`bench: no VmRSS for pid ${pid}`);
  return Number(m[1]) / 1024;
}

/** The process holding the listening socket of a loopback port (Linux /proc; `next start` may fork). */
function pidListeningOn(port: number): number {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const f = line.trim().split(/\s+/);
      // local_address is "ADDR:PORT"; state 0A is LISTEN; the inode is the tenth field.
      if (f[1]?.endsWith(`:${hexPort}`) && f[3] === "0A" && f[9]) inodes.add(f[9]);
    }
  }
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fdName of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${entry}/fd/${fdName}`));
        if (m?.[1] && inodes.has(m[1])) return Number(entry);
      } catch {
        // closed meanwhile
      }
    }
  }
  throw new Error(`bench: no process listens on port ${port}`);
}
