import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { roleUrl } from "@mw/core/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createJobQueue } from "../queue";
import { startOnboarding } from "../workflows/onboard";
import { createHarness, type Harness, RESEND_KEY, STRIPE_KEY, uniqueSlug, until, VERCEL_TOKEN } from "./harness";

/**
 * What happens to a run when its worker goes away: killed outright (another process must take the
 * job over within seconds, not after graphile-worker's 4-hour lock expiry), or stopped while a job
 * does not finish (the job is handed back at once).
 */

let h: Harness;
const children: ChildProcess[] = [];

beforeAll(async () => {
  h = await createHarness({ stepAttempts: 6 });
});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  await h?.close();
});

const lockedBy = async (runId: string) =>
  (
    await h.db.owner.sql<{ locked_by: string | null }[]>`
      select locked_by from graphile_worker._private_jobs where key = ${runId}`
  )[0]?.locked_by ?? null;

/** Starts the blocking worker fixture in its own process; resolves with it once it runs. */
async function spawnBlockingWorker(blockAt: string): Promise<{ child: ChildProcess; blocked: Promise<string> }> {
  const input = {
    OWNER_URL: h.db.ownerUrl,
    CONTROL_URL: roleUrl(h.db.ownerUrl, "mw_control", inject("testDb").rolePassword),
    RESEND_URL: h.resend.url,
    RESEND_KEY,
    VERCEL_URL: h.vercel.url,
    VERCEL_TOKEN,
    VERCEL_PROJECT_ID: h.vercel.projectId,
    STRIPE_URL: h.stripeEmulator.url,
    STRIPE_KEY,
    BLOCK_AT: blockAt,
  };
  const script = fileURLToPath(new URL("./fixtures/blocking-worker.ts", import.meta.url));
  const child = spawn(process.execPath, ["--import", "tsx", script, JSON.stringify(input)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  let out = "";
  const lines = new Promise<void>((ready, fail) => {
    child.once("exit", (code) => fail(new Error(`blocking worker exited with ${code}: ${out}`)));
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("ready\n")) ready();
    });
  });
  await lines;
  const blocked = new Promise<string>((done) => {
    const check = () => {
      const m = /blocked (\S+)/.exec(out);
      if (m?.[1]) done(m[1]);
      else setTimeout(check, 20);
    };
    check();
  });
  return { child, blocked };
}

describe("a worker that goes away mid-job", () => {
  it("killed with SIGKILL: a worker of another process takes the run over within seconds", async () => {
    await h.worker.stop();
    const { child, blocked } = await spawnBlockingWorker("initial-theme:draft-saved");
    const queue = await createJobQueue({ ownerUrl: h.db.ownerUrl, stepAttempts: 6 });
    const slug = uniqueSlug("killed");
    const started = await startOnboarding({
      ctx: h.staff,
      input: { name: `Killed ${slug}`, slug, ownerEmail: `owner@${slug}.example` },
      worker: queue,
    });
    await queue.release();
    const runId = started.run.id;
    const deadWorker = await blocked;
    expect(await lockedBy(runId)).toBe(deadWorker);

    // A second worker runs beside the live one: a job that takes long is not taken away from it.
    await h.startWorker();
    await new Promise((r) => setTimeout(r, 7000));
    expect(await lockedBy(runId)).toBe(deadWorker);
    const [run] = await h.db.owner.sql`select status from provisioning_runs where id = ${runId}`;
    expect(run?.status).toBe("running");
    child.kill("SIGKILL");
    const killedAt = Date.now();
    // The dead worker's lock goes within seconds (checked every 5 s), not after 4 hours.
    await until(async () => (await lockedBy(runId)) !== deadWorker, 15_000);
    expect(Date.now() - killedAt).toBeLessThan(8000);
    const done = await h.waitForRun(runId, ["succeeded", "parked"], 30_000);
    expect(done.run.status).toBe("succeeded");
    expect(h.logs.some((l) => l.message.includes("stopped responding"))).toBe(true);
    const themes = await h.db.owner.sql`
      select t.status from themes t join tenants n on n.id = t.tenant_id where n.slug = ${slug}`;
    expect(themes).toEqual([{ status: "published" }]);
  }, 180_000); // a process of its own loads the whole worker through tsx: slow on a busy machine

  it("stopped while a job hangs: stop() returns and hands the job to the next worker", async () => {
    await h.worker.stop();
    const reached = { at: 0 };
    await h.startWorker({
      hooks: {
        async afterEffect({ stepId, label }) {
          if (`${stepId}:${label}` !== "initial-theme:draft-saved" || reached.at) return;
          reached.at = Date.now();
          await new Promise((r) => setTimeout(r, 60_000).unref());
        },
      },
    });
    const slug = uniqueSlug("hung");
    const started = await startOnboarding({
      ctx: h.staff,
      input: { name: `Hung ${slug}`, slug, ownerEmail: `owner@${slug}.example` },
      worker: h.worker.queue,
    });
    await until(() => reached.at > 0);
    expect(await lockedBy(started.run.id)).not.toBeNull();

    const stopStart = Date.now();
    await h.worker.stop(); // the harness worker waits 8 s by default
    expect(Date.now() - stopStart).toBeLessThan(12_000);
    expect(await lockedBy(started.run.id)).toBeNull();

    await h.startWorker();
    const done = await h.waitForRun(started.run.id, ["succeeded", "parked"], 15_000);
    expect(done.run.status).toBe("succeeded");
  }, 60_000);
});
