import { AsyncLocalStorage } from "node:async_hooks";
import { trace } from "@opentelemetry/api";

/**
 * What every log line of a request or job carries: `requestId`, and once known `tenantId` and
 * `actor`.
 *
 * In the apps there is no place of ours that wraps a whole request (Next owns the server), but
 * Next runs every request inside its `BaseServer.handleRequest` span, and the OpenTelemetry context
 * (AsyncLocalStorage underneath, registered by `registerRequestTelemetry`) follows it into the proxy,
 * server components, actions and route handlers. So the request id is the trace id, and what the
 * request learns on the way (tenant, actor) is kept per trace, set by `annotateRequest` where the
 * session is resolved, and dropped when the request's span ends (`forgetTrace`).
 *
 * A client can send a `traceparent` and so choose its trace id (that is what tracing across
 * services is for): it can then only make its own requests share an id, never read another's fields.
 */
export interface RequestFields {
  requestId?: string;
  tenantId?: string;
  actor?: string;
  job?: string;
}

const MAX_TRACES = 10_000;

interface TraceEntry {
  tenantId?: string;
  actor?: string;
  /** Status of a response the proxy answered itself (Next's spans only see a placeholder's). */
  proxyStatus?: number;
}

// On globalThis: Next bundles this module into several layers (instrumentation, proxy, pages),
// each with its own copy, and they must all share one map.
const g = globalThis as { __mwTraces?: Map<string, TraceEntry>; __mwJobFields?: AsyncLocalStorage<RequestFields> };
g.__mwTraces ??= new Map();
g.__mwJobFields ??= new AsyncLocalStorage<RequestFields>();
const byTrace = g.__mwTraces;
const jobs = g.__mwJobFields;

function activeTraceId(): string | null {
  const ctx = trace.getActiveSpan()?.spanContext();
  if (!ctx || !/^[0-9a-f]{32}$/.test(ctx.traceId) || /^0+$/.test(ctx.traceId)) return null;
  return ctx.traceId;
}

/** The current request's id (`req_<trace id>`), or `fallback()` outside a traced request. */
export function currentRequestId(fallback: () => string): string {
  const job = jobs.getStore()?.requestId;
  if (job) return job;
  const traceId = activeTraceId();
  return traceId ? `req_${traceId}` : fallback();
}

/** Records who the current request is about, for every later log line of the request. */
export function annotateRequest(fields: {
  tenantId?: string | null;
  actor?: string | null;
  proxyStatus?: number;
}): void {
  const job = jobs.getStore();
  if (job) {
    if (fields.tenantId) job.tenantId = fields.tenantId;
    if (fields.actor) job.actor = fields.actor;
    return;
  }
  const traceId = activeTraceId();
  if (!traceId) return;
  let entry = byTrace.get(traceId);
  if (!entry) {
    // Bounded: a request whose span never ends (a bug, a hung socket) cannot grow this for ever.
    if (byTrace.size >= MAX_TRACES) {
      const oldest = byTrace.keys().next().value;
      if (oldest !== undefined) byTrace.delete(oldest);
    }
    entry = {};
    byTrace.set(traceId, entry);
  }
  if (fields.tenantId) entry.tenantId = fields.tenantId;
  if (fields.actor) entry.actor = fields.actor;
  if (fields.proxyStatus) entry.proxyStatus = fields.proxyStatus;
}

/** The fields of the request or job running now (empty outside both). */
export function requestFields(): RequestFields {
  const job = jobs.getStore();
  if (job) return { ...job };
  const traceId = activeTraceId();
  if (!traceId) return {};
  const entry = byTrace.get(traceId);
  return {
    requestId: `req_${traceId}`,
    ...(entry?.tenantId ? { tenantId: entry.tenantId } : {}),
    ...(entry?.actor ? { actor: entry.actor } : {}),
  };
}

/** Fields of a finished trace (read before `forgetTrace`, e.g. for the request's summary line). */
export function traceFields(traceId: string): RequestFields & { proxyStatus?: number } {
  return { requestId: `req_${traceId}`, ...byTrace.get(traceId) };
}

/**
 * Wraps an app's proxy so that a response it answers itself (not a rewrite or pass-through) is
 * logged and counted with its real status.
 */
export function observeProxy<A extends unknown[], R>(proxy: (...args: A) => R): (...args: A) => R {
  return (...args: A) => {
    const result = proxy(...args);
    const note = (r: unknown) => {
      if (r instanceof Response && !r.headers.has("x-middleware-rewrite") && !r.headers.has("x-middleware-next")) {
        annotateRequest({ proxyStatus: r.status });
      }
      return r;
    };
    return (result instanceof Promise ? result.then(note) : note(result)) as R;
  };
}

export function forgetTrace(traceId: string): void {
  byTrace.delete(traceId);
}

/** Runs a background job with its own fields (the worker: job id, task, tenant once known). */
export function withJobFields<T>(fields: RequestFields, fn: () => T): T {
  return jobs.run({ ...fields }, fn);
}

/** For tests: how many traces are being tracked. */
export function trackedTraces(): number {
  return byTrace.size;
}
