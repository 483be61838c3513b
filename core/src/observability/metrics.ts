import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { log } from "./log";

/**
 * The process's Prometheus registry (one per process, also across Next's module layers, which may
 * load this module more than once) and the metrics every service shares.
 */
interface Metrics {
  registry: Registry;
  httpRequests: Counter<"method" | "route" | "status">;
  httpDuration: Histogram<"method" | "route" | "status">;
  cacheLookups: Counter<"cache" | "result">;
}

const g = globalThis as { __mwMetrics?: Metrics };

function create(): Metrics {
  const registry = new Registry();
  return {
    registry,
    httpRequests: new Counter({
      name: "mw_http_requests_total",
      help: "HTTP requests answered, by method, route pattern and status",
      labelNames: ["method", "route", "status"],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: "mw_http_request_duration_seconds",
      help: "Time from request to response, by method, route pattern and status",
      labelNames: ["method", "route", "status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    cacheLookups: new Counter({
      name: "mw_cache_lookups_total",
      help: "In-process cache lookups by cache and result (hit, miss, negative)",
      labelNames: ["cache", "result"],
      registers: [registry],
    }),
  };
}

export const metrics: Metrics = g.__mwMetrics ?? create();
g.__mwMetrics = metrics;

let defaultsCollected = false;
/** Node's own metrics (heap, event loop lag, GC, handles) with a service label. */
export function collectProcessMetrics(service: string): void {
  if (defaultsCollected) return;
  defaultsCollected = true;
  metrics.registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: metrics.registry, prefix: "mw_process_" });
}

export function recordCacheLookup(cache: string, result: "hit" | "miss" | "negative"): void {
  metrics.cacheLookups.inc({ cache, result });
}

/**
 * A gauge read from its source when scraped (a database count, a queue's depth), so the figure is
 * never staler than the scrape. A failing source leaves the gauge empty for that scrape (absent,
 * which alerting reads as "unknown") and logs why, rather than failing the whole /metrics answer.
 */
export function gaugeFromSource<L extends string>(spec: {
  name: string;
  help: string;
  labelNames: readonly L[];
  read: () => Promise<Array<{ labels: Partial<Record<L, string>>; value: number }>>;
}): Gauge<L> {
  const existing = metrics.registry.getSingleMetric(spec.name) as Gauge<L> | undefined;
  if (existing) return existing;
  return new Gauge<L>({
    name: spec.name,
    help: spec.help,
    labelNames: spec.labelNames,
    registers: [metrics.registry],
    async collect() {
      this.reset();
      try {
        for (const { labels, value } of await spec.read()) this.set(labels, value);
      } catch (err) {
        log.warn({ err, metric: spec.name }, "metric source failed; the gauge is empty for this scrape");
      }
    },
  });
}
