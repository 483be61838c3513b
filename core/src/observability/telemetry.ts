import type { Context } from "@opentelemetry/api";
import { AlwaysOnSampler, type ReadableSpan, type Span, type SpanProcessor } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { env } from "../env";
import { log, setLogService } from "./log";
import { collectProcessMetrics, metrics } from "./metrics";
import { forgetTrace, traceFields } from "./request-context";

/**
 * Request logs and metrics for a Next app, from the spans Next itself opens.
 *
 * Next wraps every request in a `BaseServer.handleRequest` span carrying method, target, status
 * and route pattern. With a proxy (middleware), one request makes two such spans: the proxy pass,
 * then the render pass as its child (Next propagates the context between them); a response the
 * proxy answers itself (redirect, 404 for an unknown host) has only the first. So a request is
 * reported when its outer span has ended and either its render pass has ended too, or no render
 * pass began within `RENDER_PASS_GRACE_MS` of the outer span's end.
 *
 * No exporter: nothing leaves the process. A deployment that wants traces adds an exporter here.
 */

const HANDLE_REQUEST = "BaseServer.handleRequest";
// Generous: under load the render pass can start well after the proxy pass ended, and one that
// starts after the grace would be counted as a second request. A proxy-only response is reported
// this much later (its duration still comes from the span's own times).
const RENDER_PASS_GRACE_MS = 5000;

interface Pending {
  traceId: string;
  outer?: ReadableSpan;
  innerStarted: boolean;
  inner?: ReadableSpan;
  timer?: NodeJS.Timeout;
}

const seconds = (t: [number, number]) => t[0] + t[1] / 1e9;

export class RequestReporter implements SpanProcessor {
  /** By the outer span's id; entries leave when reported. */
  private readonly pending = new Map<string, Pending>();
  /** Inner span id → outer span id. */
  private readonly innerOf = new Map<string, string>();

  constructor(
    private readonly report: (r: RequestReport) => void,
    private readonly graceMs = RENDER_PASS_GRACE_MS,
    private readonly proxyStatus: (traceId: string) => number | undefined = (id) => traceFields(id).proxyStatus,
  ) {}

  onStart(span: Span, _parent: Context): void {
    if (span.attributes["next.span_type"] !== HANDLE_REQUEST) return;
    const { spanId, traceId } = span.spanContext();
    const parentId = span.parentSpanContext?.spanId;
    const outer = parentId ? this.pending.get(parentId) : undefined;
    if (parentId && outer) {
      outer.innerStarted = true;
      clearTimeout(outer.timer);
      this.innerOf.set(spanId, parentId);
      return;
    }
    this.pending.set(spanId, { traceId, innerStarted: false });
  }

  onEnd(span: ReadableSpan): void {
    if (env.MW_TRACE_DEBUG) {
      log.debug({ span: span.name, parent: span.parentSpanContext?.spanId, attributes: span.attributes }, "span");
    }
    if (span.attributes["next.span_type"] !== HANDLE_REQUEST) return;
    const { spanId } = span.spanContext();
    const outerId = this.innerOf.get(spanId);
    if (outerId) {
      this.innerOf.delete(spanId);
      const entry = this.pending.get(outerId);
      if (entry) {
        entry.inner = span;
        this.settle(outerId, entry);
      }
      return;
    }
    const entry = this.pending.get(spanId);
    if (!entry) return;
    entry.outer = span;
    if (entry.innerStarted) this.settle(spanId, entry);
    else {
      entry.timer = setTimeout(() => this.settle(spanId, entry, true), this.graceMs);
      entry.timer.unref();
    }
  }

  private settle(id: string, entry: Pending, graceOver = false): void {
    if (!entry.outer) return;
    if (entry.innerStarted && !entry.inner && !graceOver) return;
    this.pending.delete(id);
    clearTimeout(entry.timer);
    const outer = entry.outer;
    const final = entry.inner ?? outer;
    const end =
      entry.inner && seconds(entry.inner.endTime) > seconds(outer.endTime) ? entry.inner.endTime : outer.endTime;
    const target = String(outer.attributes["http.target"] ?? final.attributes["http.target"] ?? "");
    // Without a render pass the proxy answered, and Next's span holds a placeholder's status.
    const proxyStatus = entry.inner ? undefined : this.proxyStatus(entry.traceId);
    const route = final.attributes["next.route"] ?? outer.attributes["next.route"];
    this.report({
      traceId: entry.traceId,
      method: String(outer.attributes["http.method"] ?? "GET"),
      // Never the raw path as a label (unbounded); a request the proxy answered has no route.
      route: typeof route === "string" ? route : entry.inner ? "(unmatched)" : "(proxy)",
      path: target.split("?")[0] ?? "",
      status: proxyStatus ?? Number(final.attributes["http.status_code"] ?? outer.attributes["http.status_code"] ?? 0),
      seconds: Math.max(0, seconds(end) - seconds(outer.startTime)),
    });
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    for (const [id, entry] of this.pending) {
      clearTimeout(entry.timer);
      if (entry.outer) this.settle(id, entry, true);
    }
    return Promise.resolve();
  }
}

export interface RequestReport {
  traceId: string;
  method: string;
  route: string;
  path: string;
  status: number;
  seconds: number;
}

/** Counts, times and logs one finished request. */
export function recordRequest(r: RequestReport): void {
  const labels = { method: r.method, route: r.route, status: String(r.status) };
  metrics.httpRequests.inc(labels);
  metrics.httpDuration.observe(labels, r.seconds);
  const { proxyStatus: _, ...fields } = traceFields(r.traceId);
  forgetTrace(r.traceId);
  const level = r.status >= 500 ? "error" : "info";
  log[level](
    { ...fields, method: r.method, path: r.path, route: r.route, status: r.status, ms: Math.round(r.seconds * 1000) },
    "request",
  );
}

let registered = false;
/** Call from the app's `instrumentation.ts` (Node runtime only). */
export function registerRequestTelemetry(service: string): void {
  if (registered) return;
  registered = true;
  setLogService(service);
  collectProcessMetrics(service);
  const provider = new NodeTracerProvider({
    // Every request is recorded, whatever a client's `traceparent` says about sampling: these spans
    // feed metrics and logs, not just traces.
    sampler: new AlwaysOnSampler(),
    spanProcessors: [new RequestReporter(recordRequest)],
  });
  provider.register();
}
