import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";
import { createStripeClient } from "@mw/core/adapters/stripe";
import { syncCatalog } from "@mw/core/billing/catalog-sync";
import { createTestDatabase, staffCtx, type TestDatabase } from "@mw/core/testing";
import { freePort } from "@mw/core/testing/net";
import { type ResendEmulator, startResendEmulator } from "@mw/emulators/resend";
import { type StripeEmulator, startStripeEmulator } from "@mw/emulators/stripe";
import { startVercelEmulator, type VercelEmulator } from "@mw/emulators/vercel";
import { startOnboarding } from "@mw/provisioning";
import { loadRun } from "@mw/provisioning/engine";
import { createJobQueue, type ProvisioningQueue } from "@mw/provisioning/queue";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

/**
 * Scale-out of the worker: two `npm run worker` processes (scripts/worker.ts, as deployed) on one
 * database share the queue. Every run completes, every step runs exactly once (one attempt, one
 * call to the vendor, one e-mail), and both processes did part of the work.
 */

const ROOT = resolve(import.meta.dirname, "../..");
const RUNS = 8;
const VERCEL_TOKEN = "vercel_pair_token";
const RESEND_KEY = "re_pair_key";
const STRIPE_KEY = "sk_test_pair_key";

let db: TestDatabase;
let resend: ResendEmulator;
let vercel: VercelEmulator;
let stripe: StripeEmulator;
let queue: ProvisioningQueue;
const workers: { child: ChildProcess; port: number; output: () => string }[] = [];

/** What `npm run worker` runs, with a deployment's settings for this database and the emulators. */
async function startWorkerProcess() {
  const port = await freePort();
  let out = "";
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      LOG_FORMAT: "json",
      DATABASE_URL: db.ownerUrl,
      DB_ROLE_PASSWORD: inject("testDb").rolePassword,
      RESEND_API_KEY: RESEND_KEY,
      RESEND_BASE_URL: resend.url,
      VERCEL_TOKEN,
      VERCEL_PROJECT_ID: vercel.projectId,
      VERCEL_API_URL: vercel.url,
      DNS_RESOLVER_URL: `${vercel.url}/dns-query`,
      STRIPE_SECRET_KEY: STRIPE_KEY,
      STRIPE_API_URL: stripe.url,
      WORKER_HTTP_PORT: String(port),
      METRICS_OPEN: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (c: Buffer) => (out += c));
  child.stderr?.on("data", (c: Buffer) => (out += c));
  const w = { child, port, output: () => out };
  workers.push(w);
  const until = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`worker exited with ${child.exitCode}: ${out}`);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null);
    if (ready?.status === 200) return w;
    if (Date.now() > until) throw new Error(`worker not ready: ${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Jobs this worker process finished, from its own /metrics. */
async function jobsDone(port: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const series = 'mw_jobs_total{task="provisioning:advance",outcome="succeeded"} ';
  const line = text.split("\n").find((l) => l.startsWith(series));
  return line ? Number(line.slice(series.length)) : 0;
}

beforeAll(async () => {
  db = await createTestDatabase();
  [resend, vercel, stripe] = await Promise.all([
    startResendEmulator({ apiKey: RESEND_KEY }),
    startVercelEmulator({ token: VERCEL_TOKEN }),
    startStripeEmulator({ apiKey: STRIPE_KEY }),
  ]);
  await syncCatalog(createStripeClient({ secretKey: STRIPE_KEY, apiUrl: stripe.url }));
  queue = await createJobQueue({ ownerUrl: db.ownerUrl });
}, 60_000);

afterAll(async () => {
  await Promise.all(
    workers.map(async ({ child }) => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    }),
  );
  await queue?.release();
  await Promise.all([resend?.stop(), vercel?.stop(), stripe?.stop()]);
  await db?.drop();
}, 60_000);

describe("two worker processes on one database", () => {
  it("share the queue: every run once, every step once, both workers busy", async () => {
    const [a, b] = await Promise.all([startWorkerProcess(), startWorkerProcess()]);
    const staff = staffCtx(db.control, ["onboarding", "platform_admin"]);
    const slugs = Array.from({ length: RUNS }, (_, i) => `pair-${process.pid}-${i}`);
    const runs = await Promise.all(
      slugs.map((slug) =>
        startOnboarding({
          ctx: staff,
          input: {
            name: `Pair ${slug}`,
            slug,
            plan: "pro",
            ownerEmail: `owner@${slug}.example`,
            customDomains: [`music.${slug}.example.com`],
          },
          worker: queue,
        }),
      ),
    );
    const until = Date.now() + 90_000;
    let states = await Promise.all(runs.map((r) => loadRun(db.control, r.run.id)));
    while (states.some((s) => s?.run.status !== "succeeded") && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 250));
      states = await Promise.all(runs.map((r) => loadRun(db.control, r.run.id)));
    }
    expect(states.map((s) => s?.run.status)).toEqual(runs.map(() => "succeeded"));
    // Exactly once: one attempt per step, one domain added at the vendor, one invitation sent.
    for (const s of states) {
      expect(s?.steps.map((step) => [step.stepId, step.attempts])).toEqual(s?.steps.map((step) => [step.stepId, 1]));
    }
    const domainAdds = vercel.requests.filter((r) => r.method === "POST" && /\/domains$/.test(r.path));
    expect(domainAdds.map((r) => (r.body as { name: string }).name).sort()).toEqual(
      slugs.map((s) => `music.${s}.example.com`).sort(),
    );
    await expect
      .poll(() => slugs.map((s) => resend.store.find({ to: `owner@${s}.example` }).length), { timeout: 30_000 })
      .toEqual(slugs.map(() => 1));
    // Both processes took part, and together they ran each advance job once (6 steps per run).
    const [doneA, doneB] = await Promise.all([jobsDone(a.port), jobsDone(b.port)]);
    expect(doneA).toBeGreaterThan(0);
    expect(doneB).toBeGreaterThan(0);
    expect(doneA + doneB).toBe(RUNS * 6);
  }, 150_000);
});
