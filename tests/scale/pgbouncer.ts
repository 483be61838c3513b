import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { chmod } from "node:fs/promises";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "@mw/core/testing/net";

/**
 * A PgBouncer of the test's own on a free loopback port, in front of the test's Postgres: Debian's
 * `pgbouncer` package (`apt-get install -y pgbouncer`; .ci/run installs it). Tests that need it
 * skip, saying why, when the binary is absent.
 */
export interface PgBouncer {
  port: number;
  version: string;
  /** Protocol-level prepared statements in transaction mode arrived in 1.21 (`max_prepared_statements`). */
  supportsPreparedStatements: boolean;
  /** The same connection string, through the pooler. */
  pooled(url: string): string;
  /** The pooler's own log (for a failing test's message). */
  log(): string;
  stop(): Promise<void>;
}

export interface PgBouncerOptions {
  /** Postgres behind the pooler (a connection string of the test's server; only host and port are used). */
  serverUrl: string;
  /** Login roles and their passwords: PgBouncer authenticates clients and then the server with them. */
  users: Record<string, string>;
  /** Server connections per (database, user): 1 makes every transaction share one. */
  poolSize: number;
  /** Sets `max_prepared_statements` (PgBouncer ≥ 1.21 only; 0 = off, as before 1.21). */
  maxPreparedStatements?: number;
}

const CANDIDATES = [
  "/usr/sbin/pgbouncer",
  "/usr/local/sbin/pgbouncer",
  "/usr/bin/pgbouncer",
  "/usr/local/bin/pgbouncer",
];

/** The pgbouncer binary, or null when it is not installed. */
export function findPgBouncer(): string | null {
  const onPath = spawnSync("sh", ["-c", "command -v pgbouncer"], { encoding: "utf8" }).stdout.trim();
  for (const p of [onPath, ...CANDIDATES]) {
    if (!p) continue;
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return null;
}

export function pgBouncerVersion(bin: string): string {
  const out = spawnSync(bin, ["--version"], { encoding: "utf8" }).stdout;
  const m = /PgBouncer (\d+\.\d+(?:\.\d+)?)/.exec(out);
  if (!m?.[1]) throw new Error(`cannot read the version of ${bin}: ${out}`);
  return m[1];
}

export function atLeast(version: string, major: number, minor: number): boolean {
  const [a = 0, b = 0] = version.split(".").map(Number);
  return a > major || (a === major && b >= minor);
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((done) => {
    const s = createConnection({ host: "127.0.0.1", port }, () => {
      s.end();
      done(true);
    });
    s.once("error", () => done(false));
  });
}

export async function startPgBouncer(bin: string, o: PgBouncerOptions): Promise<PgBouncer> {
  const version = pgBouncerVersion(bin);
  const supportsPreparedStatements = atLeast(version, 1, 21);
  const server = new URL(o.serverUrl);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "mw-pgbouncer-"));
  // PgBouncer refuses to run as root; it then switches to `user`, who must read these files.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) await chmod(dir, 0o755);
  const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
  writeFileSync(
    join(dir, "userlist.txt"),
    Object.entries(o.users)
      .map(([u, p]) => `${quote(u)} ${quote(p)}`)
      .join("\n"),
    { mode: 0o644 },
  );
  const settings = [
    "[databases]",
    // Every database name passes through to the test's server (test files clone their own).
    `* = host=${server.hostname} port=${server.port || 5432}`,
    "[pgbouncer]",
    "listen_addr = 127.0.0.1",
    `listen_port = ${port}`,
    "unix_socket_dir =",
    "auth_type = scram-sha-256",
    `auth_file = ${join(dir, "userlist.txt")}`,
    "pool_mode = transaction",
    `default_pool_size = ${o.poolSize}`,
    "min_pool_size = 0",
    "reserve_pool_size = 0",
    "max_client_conn = 200",
    "server_lifetime = 3600",
    "server_idle_timeout = 600",
    "ignore_startup_parameters = extra_float_digits,options",
    `logfile = ${join(dir, "pgbouncer.log")}`,
    ...(supportsPreparedStatements ? [`max_prepared_statements = ${o.maxPreparedStatements ?? 0}`] : []),
    ...(asRoot ? ["user = postgres"] : []),
  ];
  writeFileSync(join(dir, "pgbouncer.ini"), `${settings.join("\n")}\n`, { mode: 0o644 });
  if (asRoot) {
    // Opened after the switch to `user` (the umask would narrow a mode given to writeFileSync).
    writeFileSync(join(dir, "pgbouncer.log"), "");
    await chmod(join(dir, "pgbouncer.log"), 0o666);
  }

  const child: ChildProcess = spawn(bin, [join(dir, "pgbouncer.ini")], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (c: Buffer) => {
    stderr += c.toString();
  });
  const log = () => {
    try {
      return readFileSync(join(dir, "pgbouncer.log"), "utf8") + stderr;
    } catch {
      return stderr;
    }
  };
  const until = Date.now() + 10_000;
  while (!(await portAnswers(port))) {
    if (child.exitCode !== null || Date.now() > until) {
      child.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`pgbouncer did not start (exit ${child.exitCode}):\n${log()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    version,
    supportsPreparedStatements,
    pooled(url: string) {
      const u = new URL(url);
      u.hostname = "127.0.0.1";
      u.port = String(port);
      return u.toString();
    },
    log,
    async stop() {
      if (child.exitCode === null) {
        // SIGINT: shut down at once, closing client and server connections.
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGINT");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
