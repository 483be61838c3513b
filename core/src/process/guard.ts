import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";

/**
 * Whatever we start in a process group of its own (Postgres, the Next servers) must not outlive
 * us, however we die. Signals we can handle; SIGKILL, an OOM kill or a crashed parent (npm, a
 * terminal) we cannot. So a tiny watchdog process holds the read end of a pipe from this process;
 * when the pipe closes — this process is gone, for whatever reason — it stops every group still
 * registered (politely, then SIGKILL after 10 s). A clean shutdown unregisters each group first.
 */
export interface ProcessGuard {
  /** Stop `pid` with `signal` if this process dies first; `group` signals its whole process group. */
  watch(pid: number, signal: NodeJS.Signals, opts?: { group?: boolean }): void;
  forget(pid: number): void;
}

// Plain JavaScript run with `node -e`, so it needs no file on disk and no TypeScript loader.
const WATCHDOG = `
const watched = new Map();
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch (e) { return e.code === "EPERM"; } };
let buf = "";
process.stdin.on("data", (chunk) => {
  buf += chunk;
  let nl;
  while ((nl = buf.indexOf("\\n")) >= 0) {
    const [cmd, pid, signal, group] = buf.slice(0, nl).split(" ");
    buf = buf.slice(nl + 1);
    if (cmd === "watch") watched.set(Number(pid), { signal, group: group === "1" });
    else watched.delete(Number(pid));
  }
});
const sendTo = (pid, w, signal) => { try { process.kill(w.group ? -pid : pid, signal); } catch {} };
process.stdin.on("close", () => {
  if (watched.size === 0) process.exit(0);
  for (const [pid, w] of watched) sendTo(pid, w, w.signal);
  const started = Date.now();
  const timer = setInterval(() => {
    const left = [...watched].filter(([pid]) => alive(pid));
    if (left.length === 0) process.exit(0);
    if (Date.now() - started > 10000) {
      for (const [pid] of left) { try { process.kill(-pid, "SIGKILL"); } catch {} try { process.kill(pid, "SIGKILL"); } catch {} }
      process.exit(0);
    }
  }, 100);
});
process.on("SIGINT", () => {});
process.on("SIGTERM", () => {});
`;

let watchdog: ChildProcess | null = null;

function send(line: string): void {
  if (!watchdog) {
    watchdog = spawn(process.execPath, ["-e", WATCHDOG], { detached: true, stdio: ["pipe", "ignore", "ignore"] });
    watchdog.unref();
    // Neither the watchdog nor its pipe keeps this process alive.
    (watchdog.stdin as unknown as { unref?: () => void }).unref?.();
  }
  watchdog.stdin?.write(`${line}\n`);
}

export const processGuard: ProcessGuard = {
  watch(pid, signal, opts = {}) {
    send(`watch ${pid} ${signal} ${opts.group ? 1 : 0}`);
  },
  forget(pid) {
    if (watchdog) send(`forget ${pid}`);
  },
};

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The parent of `pid` (Linux; null elsewhere or when it is gone). */
function parentOf(pid: number): number | null {
  try {
    // "pid (comm) state ppid …" — comm may hold spaces and parentheses: read after the last ")".
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    return Number.isInteger(ppid) && ppid > 1 ? ppid : null;
  } catch {
    return null;
  }
}

/**
 * Calls `onOrphaned` once when whoever started us goes away (npm killed, the terminal closed):
 * Node has no parent-death signal, so poll. `npm start` runs us through `sh -c`, and a shell
 * waiting for us outlives a killed npm, so the grandparent is watched as well as the parent.
 */
export function onParentExit(onOrphaned: () => void, everyMs = 500): () => void {
  const parent = process.ppid;
  const grandparent = parentOf(parent);
  const timer = setInterval(() => {
    if (process.ppid !== parent || (grandparent !== null && !alive(grandparent))) {
      clearInterval(timer);
      onOrphaned();
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
