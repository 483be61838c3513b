import { type ChildProcess, spawn } from "node:child_process";
import { createServer, type Server } from "node:net";
import { expect, test } from "@playwright/test";
import { freePort } from "./support/ports";
import { alive, processTree } from "./support/processes";

/**
 * `npm start` as an operator handles it: whatever signal ends it, or if it is killed outright, no
 * process it started stays behind; a port held by something else stops it at once, clearly.
 * (A second platform of its own, from the built apps, beside the one the other journeys use.)
 */

interface Started {
  child: ChildProcess;
  output: () => string;
}

async function startPlatform(dataDir: string, ports?: Record<string, number>): Promise<Started> {
  const p = ports ?? {
    CONTROL_PLANE_PORT: await freePort(),
    TENANT_APP_PORT: await freePort(),
    WORKER_HTTP_PORT: await freePort(),
    RESEND_EMULATOR_PORT: await freePort(),
    VERCEL_EMULATOR_PORT: await freePort(),
    STRIPE_EMULATOR_PORT: await freePort(),
    EMBEDDED_PG_PORT: await freePort(),
  };
  const env: Record<string, string | undefined> = { ...process.env, SKIP_BUILD: "1", DATA_DIR: dataDir };
  for (const [k, v] of Object.entries(p)) env[k] = String(v);
  delete env.DATABASE_URL;
  // What `npm start` runs.
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (c: Buffer) => (out += c));
  child.stderr?.on("data", (c: Buffer) => (out += c));
  return { child, output: () => out };
}

async function running(s: Started): Promise<void> {
  await expect
    .poll(() => (s.child.exitCode !== null ? `exited: ${s.output()}` : s.output().includes("is running")), {
      timeout: 180_000,
      intervals: [500],
    })
    .toBe(true);
}

async function allGone(pids: number[], timeout = 30_000): Promise<void> {
  await expect.poll(() => pids.filter(alive), { timeout, intervals: [200] }).toEqual([]);
}

test.describe("[OPS][LIFECYCLE] npm start", () => {
  test.describe.configure({ timeout: 300_000 });

  test("SIGTERM stops everything it started, in order: apps, worker, then Postgres", async () => {
    const s = await startPlatform(".data/e2e-lifecycle-term");
    await running(s);
    const pids = processTree(s.child.pid as number);
    // node, Postgres (with its own processes), two Next servers, the watchdog.
    expect(pids.length).toBeGreaterThanOrEqual(6);
    s.child.kill("SIGTERM");
    await allGone(pids);
    const out = s.output();
    const order = ["stopping the apps", "stopping the provisioning worker", "stopping Postgres", "stopped in"].map(
      (line) => out.indexOf(line),
    );
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  test("killed outright (SIGKILL), it leaves nothing running either", async () => {
    const s = await startPlatform(".data/e2e-lifecycle-kill");
    await running(s);
    const pids = processTree(s.child.pid as number);
    expect(pids.length).toBeGreaterThanOrEqual(6);
    s.child.kill("SIGKILL");
    await allGone(pids);
  });

  test("a port held by another program stops it at once with a clear message", async () => {
    const port = await freePort();
    const holder: Server = createServer().listen(port, "localhost");
    try {
      const s = await startPlatform(".data/e2e-lifecycle-port", {
        CONTROL_PLANE_PORT: await freePort(),
        TENANT_APP_PORT: port,
        WORKER_HTTP_PORT: await freePort(),
        RESEND_EMULATOR_PORT: await freePort(),
        VERCEL_EMULATOR_PORT: await freePort(),
        STRIPE_EMULATOR_PORT: await freePort(),
      });
      const code = await new Promise<number | null>((r) => s.child.once("exit", r));
      expect(code).toBe(1);
      expect(s.output()).toContain(`port ${port} (tenant app; TENANT_APP_PORT chooses another)`);
      expect(s.output()).not.toContain("is running");
    } finally {
      holder.close();
    }
  });
});
