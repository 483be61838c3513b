import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { signIn } from "./support/auth";
import { controlUrl, E2E, tenantUrl } from "./support/ports";

/**
 * Operating the platform (issue 8.6): probes and metrics on both apps and the worker, and one JSON
 * log line per request naming the request, the tenant and who made it.
 */

const workerUrl = (path: string) => `http://127.0.0.1:${E2E.workerHttpPort}${path}`;

function series(text: string, name: string, labels: Record<string, string>): number | null {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`)) continue;
    const inner = line.slice(name.length + 1, line.indexOf("}"));
    if (want.every((w) => inner.split(",").includes(w))) return Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return null;
}

function requestLines(): Record<string, unknown>[] {
  return readFileSync(E2E.logFile, "utf8")
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((l) => l.msg === "request");
}

test.describe("[OPS][OBSERVABILITY] probes, metrics and request logs", () => {
  test("both apps and the worker answer /healthz and /readyz", async ({ page, request }) => {
    for (const base of [controlUrl(""), `http://localhost:${E2E.tenantAppPort}`, workerUrl("")]) {
      const live = await request.get(`${base}/healthz`);
      expect(live.status(), base).toBe(200);
      const ready = await request.get(`${base}/readyz`);
      expect(ready.status(), base).toBe(200);
      const body = (await ready.json()) as { status: string; checks: { name: string; ok: boolean }[] };
      expect(body.status, base).toBe("ready");
      expect(body.checks.find((c) => c.name === "database")?.ok, base).toBe(true);
    }
    // A tenant host answers the probe too (a load balancer may probe through any name).
    expect((await page.goto(tenantUrl("aurora-records", "/healthz")))?.status()).toBe(200);
  });

  test("a signed-in page is counted by route and status, and logged with request id, tenant and actor", async ({
    page,
    request,
  }) => {
    await signIn(page, "sunset-sounds", "owner@sunset-sounds.example");
    await page.goto(tenantUrl("sunset-sounds", "/artists?secret=not-logged"));
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

    const metrics = await (await request.get(`http://localhost:${E2E.tenantAppPort}/metrics`)).text();
    expect(
      series(metrics, "mw_http_requests_total", { method: "GET", route: "/t/[tenantId]/artists", status: "200" }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      series(metrics, "mw_http_request_duration_seconds_count", { route: "/t/[tenantId]/artists", status: "200" }),
    ).toBeGreaterThanOrEqual(1);
    expect(series(metrics, "mw_cache_lookups_total", { cache: "host", result: "hit" })).toBeGreaterThanOrEqual(1);

    // The summary line is written when the response is complete: poll the log.
    await expect
      .poll(() => requestLines().some((l) => l.path === "/artists" && l.service === "tenant-app" && l.actor), {
        timeout: 10_000,
      })
      .toBe(true);
    const line = requestLines().findLast((l) => l.path === "/artists" && l.actor);
    expect(line).toMatchObject({ level: "info", method: "GET", route: "/t/[tenantId]/artists", status: 200 });
    expect(String(line?.requestId)).toMatch(/^req_[0-9a-f]{32}$/);
    expect(String(line?.tenantId)).toMatch(/^ten_/);
    expect(String(line?.actor)).toMatch(/^user:usr_/);
    expect(JSON.stringify(requestLines())).not.toContain("not-logged");
  });

  test("an unknown host is logged and counted as the 404 it is", async ({ page, request }) => {
    const res = await page.goto(`http://unknown-${Date.now()}.localhost:${E2E.tenantAppPort}/`);
    expect(res?.status()).toBe(404);
    const metrics = await (await request.get(`http://localhost:${E2E.tenantAppPort}/metrics`)).text();
    await expect
      .poll(async () =>
        series(
          await (await request.get(`http://localhost:${E2E.tenantAppPort}/metrics`)).text(),
          "mw_http_requests_total",
          {
            route: "(proxy)",
            status: "404",
          },
        ),
      )
      .toBeGreaterThanOrEqual(1);
    expect(metrics).toContain("mw_process_");
  });

  test("the control plane and worker expose runs, queue and step figures", async ({ request }) => {
    const control = await (await request.get(controlUrl("/metrics"))).text();
    expect(control).toContain("# TYPE mw_provisioning_runs gauge");
    expect(series(control, "mw_job_queue_depth", { task: "provisioning:advance" })).not.toBeNull();
    expect(control).toContain("mw_job_queue_lag_seconds");
    const worker = await (await request.get(workerUrl("/metrics"))).text();
    expect(worker).toContain("mw_job_queue_depth");
    expect(worker).toContain("mw_provisioning_step_duration_seconds");
  });
});
