import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { type EmbeddedHandle, startEmbeddedPostgres } from "@mw/core/db";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { freePort } from "./support/ports";
import { alive, processTree } from "./support/processes";

/**
 * Issue 8.5, as an operator would try it: a platform of its own (`npm start` from the built apps,
 * its own embedded Postgres — never the journeys' one, never 5432), its Postgres stopped under it.
 * Both apps answer 503 with Retry-After and a plain "temporarily unavailable" page within a second
 * or two, and serve again soon after Postgres is back, without restarting anything.
 */
const DATA_DIR = ".data/e2e-outage";

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return "";
  }
}

async function startPlatform(ports: Record<string, number>): Promise<{ child: ChildProcess; output: () => string }> {
  const env: Record<string, string | undefined> = { ...process.env, SKIP_BUILD: "1", DATA_DIR };
  for (const [k, v] of Object.entries(ports)) env[k] = String(v);
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (c: Buffer) => (out += c));
  child.stderr?.on("data", (c: Buffer) => (out += c));
  return { child, output: () => out };
}

test.describe("[OPS][OUTAGE] Postgres stops under the running platform", () => {
  test.describe.configure({ timeout: 300_000 });

  test("both apps answer 503 with Retry-After at once, and serve again after the restart", async ({ request }) => {
    rmSync(DATA_DIR, { recursive: true, force: true });
    const ports = {
      CONTROL_PLANE_PORT: await freePort(),
      TENANT_APP_PORT: await freePort(),
      RESEND_EMULATOR_PORT: await freePort(),
      VERCEL_EMULATOR_PORT: await freePort(),
      STRIPE_EMULATOR_PORT: await freePort(),
      EMBEDDED_PG_PORT: await freePort(),
    };
    const s = await startPlatform(ports);
    let restarted: EmbeddedHandle | null = null;
    try {
      await expect
        .poll(() => (s.child.exitCode !== null ? `exited: ${s.output()}` : s.output().includes("is running")), {
          timeout: 180_000,
          intervals: [500],
        })
        .toBe(true);

      const site = (r: APIRequestContext, path: string) =>
        r.get(`http://localhost:${ports.TENANT_APP_PORT}${path}`, {
          maxRedirects: 0,
          headers: { host: `aurora-records.localhost:${ports.TENANT_APP_PORT}` },
        });
      const control = (r: APIRequestContext, path: string) =>
        r.get(`http://localhost:${ports.CONTROL_PLANE_PORT}${path}`, { maxRedirects: 0 });
      const pages = [
        () => site(request, "/"),
        () => site(request, "/artists"),
        () => site(request, "/sign-in"),
        () => control(request, "/staff/sign-in"),
        () => control(request, "/console/sign-in"),
      ];
      for (const get of pages) expect([200, 307]).toContain((await get()).status());

      const tree = processTree(s.child.pid as number);
      const apps = tree.filter((pid) => /next/.test(cmdline(pid)));
      expect(apps.length).toBeGreaterThanOrEqual(2);
      const postmaster = tree.find((pid) => /postgres.* -D /.test(cmdline(pid)));
      if (!postmaster) throw new Error(`no Postgres under npm start: ${tree.map(cmdline).join("\n")}`);

      process.kill(postmaster, "SIGINT"); // fast shutdown, as `pg_ctl stop` does
      await expect.poll(() => alive(postmaster), { timeout: 15_000, intervals: [50] }).toBe(false);

      const t0 = Date.now();
      for (const get of pages) {
        const res = await get();
        expect(res.status()).toBe(503);
        expect(res.headers()["retry-after"]).toBe("5");
        expect(res.headers()["cache-control"]).toBe("no-store");
        expect(await res.text()).toContain("Temporarily unavailable");
      }
      expect(Date.now() - t0).toBeLessThan(3_000);

      // An outage of several seconds, with traffic all along (what grew the old reconnect backoff).
      const until = Date.now() + 6_000;
      while (Date.now() < until) {
        const t = Date.now();
        const statuses = await Promise.all(pages.map(async (get) => (await get()).status()));
        expect(statuses.every((x) => x === 503)).toBe(true);
        expect(Date.now() - t).toBeLessThan(3_000);
      }

      restarted = await startEmbeddedPostgres({
        dataDir: `${DATA_DIR}/pg`,
        preferredPort: ports.EMBEDDED_PG_PORT,
        profile: "dev",
      });
      const t1 = Date.now();
      await expect
        .poll(async () => (await Promise.all(pages.map(async (get) => (await get()).status()))).join(","), {
          timeout: 10_000,
          intervals: [100],
        })
        .toMatch(/^(200|307)(,(200|307)){4}$/);
      expect(Date.now() - t1).toBeLessThan(4_000);
      // Same pages as before the outage, from the same app processes.
      expect((await site(request, "/")).status()).toBe(200);
      expect(await (await site(request, "/")).text()).toContain("Aurora Records");
      expect(apps.every(alive)).toBe(true);
    } finally {
      await restarted?.stop();
      s.child.kill("SIGTERM");
      await new Promise<void>((r) => (s.child.exitCode !== null ? r() : s.child.once("exit", () => r())));
      rmSync(DATA_DIR, { recursive: true, force: true });
    }
  });
});
