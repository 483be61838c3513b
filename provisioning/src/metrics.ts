import { gaugeFromSource, metrics } from "@mw/core/observability";
import type postgres from "postgres";
import { Counter, Gauge, Histogram } from "prom-client";

/**
 * The platform's background work as Prometheus sees it. Histograms and counters are observed where
 * the work happens (the worker); the gauges read their figures from Postgres at scrape time, so any
 * process with an owner connection (the worker, the control plane) can expose them and they are
 * never staler than the scrape.
 */

const g = globalThis as {
  __mwStepDuration?: Histogram<"workflow" | "step" | "outcome">;
  __mwJobs?: Counter<"task" | "outcome">;
  __mwOutbox?: { depth: Gauge; oldest: Gauge };
};

export const stepDuration: Histogram<"workflow" | "step" | "outcome"> =
  g.__mwStepDuration ??
  new Histogram({
    name: "mw_provisioning_step_duration_seconds",
    help: "Provisioning step run time, by workflow, step and outcome (succeeded, retry, parked)",
    labelNames: ["workflow", "step", "outcome"],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [metrics.registry],
  });
g.__mwStepDuration = stepDuration;

export const jobOutcomes: Counter<"task" | "outcome"> =
  g.__mwJobs ??
  new Counter({
    name: "mw_jobs_total",
    help: "Background jobs finished, by task and outcome (succeeded, failed)",
    labelNames: ["task", "outcome"],
    registers: [metrics.registry],
  });
g.__mwJobs = jobOutcomes;

/**
 * The outbox is tenant-owned and under RLS, so no connection of ours may count it in one query: the
 * worker's outbox sweep (every minute, tenant by tenant) sets these as it goes.
 */
export function outboxGauges(): { depth: Gauge; oldest: Gauge } {
  // Created by the worker only: elsewhere the figures are unknown, not 0.
  g.__mwOutbox ??= {
    depth: new Gauge({
      name: "mw_email_outbox_depth",
      help: "E-mails written and not yet delivered, as of the last outbox sweep (every minute)",
      registers: [metrics.registry],
    }),
    oldest: new Gauge({
      name: "mw_email_outbox_oldest_seconds",
      help: "Age of the oldest undelivered e-mail at the last outbox sweep (0 when none)",
      registers: [metrics.registry],
    }),
  };
  return g.__mwOutbox;
}

/**
 * Gauges from the database, over an owner connection (graphile-worker's schema and the platform's
 * own provisioning_runs table, neither of them tenant-owned). Each read is bounded by the connection's
 * statement timeout, so a slow database delays a scrape by at most that.
 */
export function registerPlatformGauges(sql: postgres.Sql): void {
  gaugeFromSource({
    name: "mw_provisioning_runs",
    help: "Provisioning runs by kind and state",
    labelNames: ["kind", "state"] as const,
    async read() {
      const rows = await sql<{ kind: string; status: string; n: number }[]>`
        select kind::text, status::text, count(*)::int as n from provisioning_runs group by 1, 2`;
      return rows.map((r) => ({ labels: { kind: r.kind, state: r.status }, value: r.n }));
    },
  });
  gaugeFromSource({
    name: "mw_job_queue_depth",
    help: "Jobs due and waiting for a worker, by task",
    labelNames: ["task"] as const,
    async read() {
      const rows = await jobQueueRows(sql);
      return rows.map((r) => ({ labels: { task: r.task }, value: r.due }));
    },
  });
  gaugeFromSource({
    name: "mw_job_queue_lag_seconds",
    help: "How long the oldest due job has waited for a worker, by task (0 when none waits)",
    labelNames: ["task"] as const,
    async read() {
      const rows = await jobQueueRows(sql);
      return rows.map((r) => ({ labels: { task: r.task }, value: r.lag }));
    },
  });
}

/** Every task graphile-worker knows (0 when none of its jobs waits), so a drained queue reads 0. */
function jobQueueRows(sql: postgres.Sql) {
  return sql<{ task: string; due: number; lag: number }[]>`
    select t.identifier as task,
           count(*) filter (where j.run_at <= now() and j.locked_at is null and j.attempts < j.max_attempts)::int as due,
           coalesce(extract(epoch from now() - min(j.run_at)
             filter (where j.run_at <= now() and j.locked_at is null and j.attempts < j.max_attempts)), 0)::float8 as lag
      from graphile_worker._private_tasks t
      left join graphile_worker._private_jobs j on j.task_id = t.id
     group by t.identifier`;
}
