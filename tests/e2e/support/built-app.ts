import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { state } from "./db";
import { freePort } from "./ports";

/** The built apps started by hand (not the e2e platform's): to test how they start and answer. */

const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");

export interface BuiltApp {
  port: number;
  outcome: "exited" | "listening";
  code: number | null;
  output: string;
  stop(): Promise<void>;
}

/** `next start` of a built app with this environment, until it answers or exits. */
export async function launchBuiltApp(
  dir: "control-plane" | "tenant-app",
  env: Record<string, string>,
): Promise<BuiltApp> {
  const port = await freePort();
  const base = { ...process.env };
  for (const k of ["REVALIDATE_SECRET", "DB_ROLE_PASSWORD", "CONTROL_DATABASE_URL", "RUNTIME_DATABASE_URL"])
    delete base[k];
  const child = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "localhost"], {
    cwd: dir,
    env: { ...base, DATABASE_URL: state().ownerUrl, ...env, NODE_ENV: "production", PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr.on("data", (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) child.kill("SIGTERM");
    await exited;
  };
  const outcome = await Promise.race([
    exited.then(() => "exited" as const),
    (async () => {
      // Next prints "Ready" before it loads the configuration: only an answer counts.
      for (;;) {
        try {
          await fetch(`http://localhost:${port}/`, { redirect: "manual", signal: AbortSignal.timeout(5000) });
          return "listening" as const;
        } catch {
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    })(),
    new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 30_000)),
  ]);
  if (outcome === "timeout") {
    await stop();
    throw new Error(`${dir} neither started nor exited:\n${output}`);
  }
  return { port, outcome, code: child.exitCode, output, stop };
}

/** `launchBuiltApp`, stopped again: its exit code and output, or "listening". */
export async function startBuiltApp(dir: "control-plane" | "tenant-app", env: Record<string, string>) {
  const app = await launchBuiltApp(dir, env);
  await app.stop();
  return app;
}
