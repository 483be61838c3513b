import { type Database, openDatabase, roleUrl, startEmbeddedPostgres } from "@mw/core/db";
import { runMigrations } from "@mw/migrations";
import postgres from "postgres";

export interface Figure {
  bench: string;
  metric: string;
  value: number;
  unit: string;
  baseline?: number | null;
  ratio?: number | null;
  [extra: string]: unknown;
}

/** One JSON line per figure, as DESIGN.md asks; ratios are figure ÷ baseline from the same run. */
export function emit(f: Figure): void {
  const ratio = f.ratio ?? (f.baseline ? round(f.value / f.baseline, 3) : null);
  console.log(JSON.stringify({ ...f, value: round(f.value, 4), baseline: f.baseline ?? null, ratio }));
}

export function round(v: number, digits = 3): number {
  const m = 10 ** digits;
  return Math.round(v * m) / m;
}

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  const idx = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, idx)] as number;
}

export function stats(samplesMs: number[]) {
  const s = [...samplesMs].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  return { mean, p50: percentile(s, 50), p99: percentile(s, 99), n: s.length };
}

export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

export interface BenchDb {
  owner: Database;
  control: Database;
  runtime: Database;
  close(): Promise<void>;
}

const ROLE_PASSWORD = "mw-bench-role-password";

/** A fresh, migrated database on embedded Postgres (or DATABASE_URL's server), dropped afterwards. */
export async function openBenchDb(): Promise<BenchDb> {
  const external = process.env.DATABASE_URL;
  const pg = external
    ? null
    : await startEmbeddedPostgres({ dataDir: ".data/pg-bench", preferredPort: 54349, profile: "dev" });
  const adminUrl = external ?? (pg as NonNullable<typeof pg>).url;
  const name = `mw_bench_${Date.now()}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await runMigrations(url.toString(), { rolePassword: ROLE_PASSWORD });
  const owner = openDatabase(url.toString(), { max: 16 });
  const control = openDatabase(roleUrl(url.toString(), "mw_control", ROLE_PASSWORD), { max: 16 });
  const runtime = openDatabase(roleUrl(url.toString(), "mw_runtime", ROLE_PASSWORD), { max: 16 });
  return {
    owner,
    control,
    runtime,
    async close() {
      await Promise.all([owner.close(), control.close(), runtime.close()]);
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
      await pg?.stop();
    },
  };
}
