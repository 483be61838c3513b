import { newId } from "@mw/core/ids";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SWEEP_TASK } from "../worker";
import { startWorkerHttp, type WorkerHttp } from "../worker-http";
import { startOnboarding } from "../workflows/onboard";
import { createHarness, type Harness, uniqueSlug, until } from "./harness";

/**
 * The worker's /healthz, /readyz and /metrics against a real run: the figures are the database's
 * and the work's, not made up.
 */
let h: Harness;
let http: WorkerHttp;
const TOKEN = "metrics-test-token-0123456789";

beforeAll(async () => {
  h = await createHarness();
  http = await startWorkerHttp({ port: 0, ownerUrl: h.db.ownerUrl, metrics: { token: TOKEN, open: false } });
});

afterAll(async () => {
  await http?.close();
  await h?.close();
});

const scrape = async () => {
  const res = await fetch(`${http.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  return res.text();
};

/** The value of one series, e.g. `mw_provisioning_runs{kind="onboard",state="succeeded"}`. */
function value(text: string, series: string): number | null {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : null;
}

describe("worker health and metrics", () => {
  it("answers /healthz and /readyz, and /metrics only with the token", async () => {
    expect((await fetch(`${http.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${http.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready" });
    expect((await fetch(`${http.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${http.url}/metrics`, { headers: { authorization: "Bearer nope" } })).status).toBe(401);
  });

  it("counts runs by state, times each step and counts jobs, from a real onboarding", async () => {
    const before = await scrape();
    const succeededBefore = value(before, 'mw_provisioning_runs{kind="onboard",state="succeeded"}') ?? 0;
    const slug = uniqueSlug("metrics");
    const started = await startOnboarding({
      ctx: h.staff,
      input: { name: "Metrics Records", slug, plan: "pro", ownerEmail: `owner@${slug}.example`, customDomains: [] },
      worker: h.worker.queue,
    });
    await h.waitForRun(started.run.id, ["succeeded"]);
    const text = await scrape();
    expect(value(text, 'mw_provisioning_runs{kind="onboard",state="succeeded"}')).toBe(succeededBefore + 1);
    const steps = value(
      text,
      'mw_provisioning_step_duration_seconds_count{workflow="onboard",step="reserve-tenant",outcome="succeeded"}',
    );
    expect(steps).toBeGreaterThanOrEqual(1);
    expect(value(text, 'mw_jobs_total{task="provisioning:advance",outcome="succeeded"}')).toBeGreaterThanOrEqual(5);
    // Nothing waits: the queue is drained.
    expect(value(text, 'mw_job_queue_depth{task="provisioning:advance"}')).toBe(0);
  });

  it("shows a job waiting for a worker as queue depth and lag", async () => {
    await h.worker.utils.addJob("metrics:nobody-runs-this", {}, { runAt: new Date(Date.now() - 90_000) });
    const text = await scrape();
    expect(value(text, 'mw_job_queue_depth{task="metrics:nobody-runs-this"}')).toBe(1);
    expect(value(text, 'mw_job_queue_lag_seconds{task="metrics:nobody-runs-this"}')).toBeGreaterThanOrEqual(89);
  });

  it("reports the outbox's depth and oldest age from the sweep", async () => {
    const [tenant] = await h.db.owner.sql<{ id: string }[]>`select id from tenants where status = 'active' limit 1`;
    expect(tenant).toBeDefined();
    const id = newId("email");
    // Written ten minutes ago and never scheduled: what the sweep exists for.
    await h.db.owner.sql`
      insert into email_outbox (id, tenant_id, template, to_address, payload, idempotency_key, created_at)
      values (${id}, ${tenant?.id ?? ""}, 'member-invitation', 'late@example.com', '{}'::jsonb, ${id},
              now() - interval '10 minutes')`;
    await h.worker.utils.addJob(SWEEP_TASK, { staleAfterMs: 0 });
    let text = "";
    await until(async () => {
      text = await scrape();
      return (value(text, "mw_email_outbox_depth") ?? 0) >= 1;
    });
    expect(value(text, "mw_email_outbox_oldest_seconds")).toBeGreaterThanOrEqual(599);
  });
});
