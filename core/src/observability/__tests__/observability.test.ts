import { Writable } from "node:stream";
import { context, trace } from "@opentelemetry/api";
import { AlwaysOnSampler, BasicTracerProvider } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { describe, expect, it } from "vitest";
import { readiness, readinessResponse } from "../health";
import { guardMetrics } from "../http";
import { createLogger } from "../log";
import { annotateRequest, observeProxy, requestFields, traceFields, withJobFields } from "../request-context";
import { type RequestReport, RequestReporter } from "../telemetry";

const req = (authorization?: string) =>
  new Request("http://app.test/metrics", authorization ? { headers: { authorization } } : {});

describe("guardMetrics", () => {
  it("hides the route unless a token or METRICS_OPEN is configured", () => {
    expect(guardMetrics(req(), { open: false })?.status).toBe(404);
    expect(guardMetrics(req(), { open: true })).toBeNull();
  });

  it("with METRICS_TOKEN, wants exactly that bearer token (METRICS_OPEN does not open it)", () => {
    const env = { token: "s3cret-token", open: true };
    expect(guardMetrics(req(), env)?.status).toBe(401);
    expect(guardMetrics(req("Bearer wrong-token!"), env)?.status).toBe(401);
    expect(guardMetrics(req("Bearer s3cret-toke"), env)?.status).toBe(401);
    expect(guardMetrics(req("Basic s3cret-token"), env)?.status).toBe(401);
    expect(guardMetrics(req("Bearer s3cret-token"), env)).toBeNull();
  });
});

describe("readiness", () => {
  const probe = new Request("http://app.test/readyz");
  const open = { open: true };
  const ok = (name: string, critical: boolean) => ({ name, critical, run: async () => ({ ok: true }) });
  const failing = (name: string, critical: boolean) => ({
    name,
    critical,
    run: async () => {
      throw Object.assign(new Error("password authentication failed for user mw_secret_user"), { code: "28P01" });
    },
  });

  it("is ready when every check passes", async () => {
    expect((await readiness([ok("database", true), ok("worker", false)])).status).toBe("ready");
  });

  it("is degraded, still 200, when only a non-critical check fails", async () => {
    const res = await readinessResponse([ok("database", true), failing("worker", false)], probe, open);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: string }).status).toBe("degraded");
  });

  it("is unready, 503 with Retry-After, when a critical check fails; the reason is a code, not the message", async () => {
    const res = await readinessResponse([failing("database", true), ok("worker", false)], probe, open);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    const body = await res.text();
    expect(body).toContain("28P01");
    expect(body).not.toContain("mw_secret_user");
  });

  it("tells anyone the status, and which checks failed only to whoever may read the metrics", async () => {
    const checks = [ok("database", true), failing("worker", false)];
    const closed = await readinessResponse(checks, probe, { open: false });
    expect(closed.status).toBe(200);
    expect(await closed.json()).toEqual({ status: "degraded" });
    const token = { token: "probe-token-123", open: false };
    const withToken = new Request("http://app.test/readyz", { headers: { authorization: "Bearer probe-token-123" } });
    expect(await (await readinessResponse(checks, withToken, token)).json()).toHaveProperty("checks");
    expect(await (await readinessResponse(checks, probe, token)).json()).toEqual({ status: "degraded" });
  });

  it("does not wait for a check that hangs", async () => {
    const hangs = { name: "database", critical: true, run: () => new Promise<{ ok: boolean }>(() => {}) };
    const t0 = Date.now();
    const r = await readiness([hangs], 100);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(r.status).toBe("unready");
    expect(r.checks[0]?.detail).toContain("no answer within 100 ms");
  });
});

function capture() {
  const lines: Record<string, unknown>[] = [];
  const dest = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split("\n")) if (l) lines.push(JSON.parse(l));
      done();
    },
  });
  return { lines, logger: createLogger({ level: "info", format: "json" }, dest) };
}

describe("log", () => {
  it("never writes secrets, wherever they sit in the object", () => {
    const { lines, logger } = capture();
    logger.info(
      {
        password: "hunter2-pw",
        token: "tok-123456",
        user: { apiKey: "key-abcdef", secret: "shh-999" },
        headers: { authorization: "Bearer bearer-xyz", cookie: "mw_session=cookie-val" },
        signature: "sig-000",
      },
      "sign-in",
    );
    const text = JSON.stringify(lines);
    for (const secret of ["hunter2-pw", "tok-123456", "key-abcdef", "shh-999", "bearer-xyz", "cookie-val", "sig-000"]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain("[redacted]");
  });

  it("adds the service and the running job's fields to every line", () => {
    const { lines, logger } = capture();
    withJobFields({ requestId: "job_42", tenantId: "ten_abc", job: "email:send" }, () => logger.warn("retrying"));
    expect(lines[0]).toMatchObject({ level: "warn", msg: "retrying", requestId: "job_42", tenantId: "ten_abc" });
    expect(lines[0]).toHaveProperty("service");
  });
});

describe("RequestReporter (Next's handleRequest spans)", () => {
  function setup(graceMs = 30) {
    const reports: RequestReport[] = [];
    const provider = new BasicTracerProvider({
      sampler: new AlwaysOnSampler(),
      spanProcessors: [new RequestReporter((r) => reports.push(r), graceMs)],
    });
    return { reports, tracer: provider.getTracer("next.js") };
  }
  const base = { "next.span_type": "BaseServer.handleRequest", "http.method": "GET" };

  it("reports the render pass's route and status once, for the proxy pass's whole duration and path without query", async () => {
    const { reports, tracer } = setup();
    const outer = tracer.startSpan("GET", { attributes: { ...base, "http.target": "/artists?token=abc" } });
    outer.setAttribute("http.status_code", 200);
    outer.end();
    const inner = tracer.startSpan(
      "GET",
      { attributes: { ...base, "http.target": "/t/ten_x/artists" } },
      trace.setSpan(context.active(), outer),
    );
    inner.setAttributes({ "http.status_code": 404, "next.route": "/t/[tenantId]/artists" });
    inner.end();
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ method: "GET", route: "/t/[tenantId]/artists", status: 404, path: "/artists" });
    await new Promise((r) => setTimeout(r, 60));
    expect(reports).toHaveLength(1);
  });

  it("reports a response the proxy answered itself after the grace period, with no route", async () => {
    const { reports, tracer } = setup();
    const outer = tracer.startSpan("GET", { attributes: { ...base, "http.target": "/" } });
    outer.setAttribute("http.status_code", 307);
    outer.end();
    expect(reports).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 80));
    expect(reports).toEqual([expect.objectContaining({ route: "(proxy)", status: 307 })]);
  });

  it("takes the status the proxy noted when it answered itself", async () => {
    const reports: RequestReport[] = [];
    const provider = new BasicTracerProvider({
      sampler: new AlwaysOnSampler(),
      spanProcessors: [
        new RequestReporter(
          (r) => reports.push(r),
          20,
          () => 404,
        ),
      ],
    });
    const outer = provider.getTracer("next.js").startSpan("GET", { attributes: { ...base, "http.target": "/" } });
    outer.setAttribute("http.status_code", 200);
    outer.end();
    await new Promise((r) => setTimeout(r, 60));
    expect(reports).toEqual([expect.objectContaining({ route: "(proxy)", status: 404 })]);
  });

  it("ignores Next's other spans", async () => {
    const { reports, tracer } = setup();
    tracer.startSpan("render route", { attributes: { "next.span_type": "AppRender.getBodyResult" } }).end();
    await new Promise((r) => setTimeout(r, 60));
    expect(reports).toHaveLength(0);
  });
});

describe("request fields across a traced request", () => {
  const provider = new NodeTracerProvider({ sampler: new AlwaysOnSampler() });
  provider.register();
  const tracer = trace.getTracer("test");

  it("keeps tenant and actor per trace, and the proxy's own answers", async () => {
    await tracer.startActiveSpan("request", async (span) => {
      const traceId = span.spanContext().traceId;
      annotateRequest({ tenantId: "ten_one" });
      await new Promise((r) => setTimeout(r, 5));
      annotateRequest({ actor: "user:usr_1" });
      expect(requestFields()).toEqual({ requestId: `req_${traceId}`, tenantId: "ten_one", actor: "user:usr_1" });
      const proxied = observeProxy(async () => new Response("nope", { status: 404 }));
      await proxied();
      const passed = observeProxy(() => new Response(null, { headers: { "x-middleware-next": "1" } }));
      passed();
      expect(traceFields(traceId).proxyStatus).toBe(404);
      span.end();
    });
    await tracer.startActiveSpan("other request", async (span) => {
      expect(requestFields().tenantId).toBeUndefined();
      span.end();
    });
  });
});
