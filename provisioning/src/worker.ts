import { EventEmitter } from "node:events";
import { resolve as resolvePath } from "node:path";
import { createDohTxtResolver } from "@mw/core/adapters/doh";
import type { Stripe } from "@mw/core/adapters/stripe";
import { type Database, openDatabase } from "@mw/core/db";
import { env as coreEnv } from "@mw/core/env";
import { log, withJobFields } from "@mw/core/observability";
import type { Mailer } from "@mw/core/ports";
import type { TxtResolver } from "@mw/core/ports/dns";
import {
  Logger,
  makeWorkerUtils,
  type Runner,
  run,
  runMigrations,
  type Task,
  type TaskList,
  type WorkerEvents,
  type WorkerUtils,
} from "graphile-worker";
import pg from "pg";
import { z } from "zod";
import { BILLING_RECONCILE_TASK, STRIPE_EVENT_TASK } from "./billing/schedule";
import { SEAT_SYNC_TASK, seatSyncTask } from "./billing/seat-sync";
import { sweepStripeInbox } from "./billing/sweep";
import { billingTasks } from "./billing/tasks";
import type { DomainHosting } from "./core-internals";
import { reconcileDomains } from "./domain-verbs";
import { SEND_EMAIL_TASK } from "./email/schedule";
import { sendOutboxEmail } from "./email/send";
import { sweepOutbox } from "./email/sweep";
import { advanceRun, type EngineDeps } from "./engine/advance";
import { createRunLocks } from "./engine/locks";
import { ADVANCE_TASK } from "./engine/queue";
import { sweepStalledRuns } from "./engine/sweep";
import type { EngineHooks, JobQueue, LogFn, WorkflowRegistry } from "./engine/types";
import { provisioningEnv } from "./env";
import { DUNNING_TASK, runDunningProgress, runUsageReport, USAGE_REPORT_TASK } from "./jobs/billing";
import { jobOutcomes, outboxGauges } from "./metrics";
import { deadWorkersQuery, startWorkerPresence } from "./worker-presence";
import { purgeDeletedTenants } from "./workflows/purge";
import { WORKFLOWS } from "./workflows/registry";

export const SWEEP_TASK = "provisioning:sweep";
export const RECONCILE_TASK = "domains:reconcile";
export const PURGE_TASK = "tenants:purge";

export interface StartWorkerOptions {
  /** Owner connection: graphile-worker's schema, migrations and queue live there. */
  ownerUrl: string;
  /** `mw_control`: every step's domain work (RLS stays in force). Size its pool ≥ 2 × concurrency. */
  control: Database;
  /**
   * `dns` (for the tenants' ownership records) defaults to a public DNS-over-HTTPS resolver. Without
   * `stripe` the billing jobs (webhook inbox, reconcile) and the billing steps do not run.
   */
  clients: { mailer: Mailer; hosting?: DomainHosting | null; dns?: TxtResolver; stripe?: Stripe | null };
  /** Jobs run at once (default PROVISIONING_CONCURRENCY). */
  concurrency?: number;
  /** Attempts per step before a run parks (default PROVISIONING_MAX_ATTEMPTS). */
  stepAttempts?: number;
  /** Where offboarding writes archives (default `${DATA_DIR}/exports`). */
  exportDir?: string;
  /** How often to look for jobs that became due (retries); new jobs arrive by LISTEN/NOTIFY at once. */
  pollInterval?: number;
  /** Recurring sweeps and domain reconcile (default on). */
  cron?: boolean;
  /**
   * A provisioning or e-mail job locked longer than this belongs to a worker that died (steps take
   * seconds; vendor calls time out after 15 s): the sweep releases it so the run resumes now rather
   * than after graphile-worker's 4-hour lock expiry. Safe even if that worker is alive after all:
   * the run's advisory lock and the outbox row lock keep a second copy from doing the work twice.
   */
  staleLockMs?: number;
  /** How often to look for jobs held by workers that died (default 5 s). */
  deadWorkerCheckMs?: number;
  /**
   * How long `stop()` waits for running jobs to finish; then it releases their locks so the next
   * worker takes them over at once (default 8 s).
   */
  stopTimeoutMs?: number;
  /** Default: errors to stderr; graphile-worker's per-job chatter is dropped. */
  log?: LogFn;
  workflows?: WorkflowRegistry;
  /** Test seams only. */
  hooks?: EngineHooks;
}

export interface ProvisioningWorker {
  /** graphile-worker's utilities on the owner connection (add jobs, reschedule, inspect). */
  utils: WorkerUtils;
  /** What `startRun` and the staff verbs take as `worker`. */
  queue: JobQueue;
  /**
   * Stops taking jobs and waits for running ones (up to `stopTimeoutMs`, then releases their locks
   * for the next worker), then closes every connection it opened. Call it before Postgres stops.
   */
  stop(): Promise<void>;
}

const defaultLog: LogFn = (level, message, meta) => {
  log[level]({ component: "provisioning", ...meta }, message);
};

/**
 * Each job runs with its own log fields (a request id of its own, the task, the tenant when the
 * payload names one) and its outcome counted.
 */
function instrumented(tasks: TaskList): TaskList {
  const wrapped: TaskList = {};
  for (const [name, task] of Object.entries(tasks)) {
    if (!task) continue;
    wrapped[name] = (payload, helpers) => {
      const tenantId =
        payload && typeof payload === "object" && "tenantId" in payload && typeof payload.tenantId === "string"
          ? payload.tenantId
          : undefined;
      return withJobFields(
        { requestId: `job_${helpers.job.id}`, job: name, ...(tenantId ? { tenantId } : {}) },
        async () => {
          try {
            await task(payload, helpers);
            jobOutcomes.inc({ task: name, outcome: "succeeded" });
          } catch (err) {
            jobOutcomes.inc({ task: name, outcome: "failed" });
            throw err;
          }
        },
      );
    };
  }
  return wrapped;
}

/** The promise's value, or `fallback` once `ms` have passed (the timer never outlives the race). */
async function within<T>(p: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((r) => {
    timer = setTimeout(() => r(fallback), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const RunPayload = z.object({ runId: z.string() });
const EmailPayload = z.object({ tenantId: z.string(), outboxId: z.string() });
const SweepPayload = z.object({ staleAfterMs: z.number().int().min(0).optional() }).loose();

/**
 * The provisioning worker: graphile-worker running the workflow engine, e-mail delivery, the
 * stalled-run / outbox sweeps and (when a domain vendor is configured) domain reconcile every
 * 10 minutes. Signals are the host process's business (`noHandleSignals`): call `stop()` on
 * shutdown, and stop it before Postgres.
 */
export async function startWorker(opts: StartWorkerOptions): Promise<ProvisioningWorker> {
  const log = opts.log ?? defaultLog;
  const concurrency = opts.concurrency ?? provisioningEnv.PROVISIONING_CONCURRENCY;
  const hosting = opts.clients.hosting ?? null;
  const stripe = opts.clients.stripe ?? null;
  const dns = opts.clients.dns ?? createDohTxtResolver();
  // graphile-worker logs every job at info level; only its errors are worth a line.
  const logger = new Logger(() => (level, message, meta) => {
    if (level === "error") log("error", message, meta);
  });
  // Our own pool for graphile-worker, so its idle clients' errors (e.g. Postgres shutting down
  // during a stop) are logged instead of crashing the process, and so we close it ourselves.
  let stopping = false;
  const pgPool = new pg.Pool({ connectionString: opts.ownerUrl, max: concurrency + 4 });
  const onConnectionError = (err: Error) => {
    if (!stopping) log("error", `job queue connection error: ${err.message}`);
  };
  pgPool.on("error", onConnectionError);
  // Checked-out clients too (graphile-worker warns on every start when this handler is missing).
  pgPool.on("connect", (client) => client.on("error", onConnectionError));
  await runMigrations({ pgPool, logger });
  const utils = await makeWorkerUtils({ pgPool, logger });
  const queue: JobQueue = {
    addJob: utils.addJob,
    stepAttempts: opts.stepAttempts ?? provisioningEnv.PROVISIONING_MAX_ATTEMPTS,
  };
  const lockDb = openDatabase(opts.ownerUrl, { max: concurrency + 2, applicationName: "mw_provisioning_locks" });
  const deps: EngineDeps = {
    database: opts.control,
    clients: { mailer: opts.clients.mailer, hosting, stripe },
    queue,
    locks: createRunLocks(lockDb),
    // Absolute, so the control plane (another working directory) can serve the archive for download.
    settings: { exportDir: resolvePath(opts.exportDir ?? `${coreEnv.DATA_DIR}/exports`) },
    workflows: opts.workflows ?? WORKFLOWS,
    log,
    hooks: opts.hooks,
  };

  const liveJobKeys = async (keys: string[]) => {
    const found = await utils.withPgClient((client) =>
      client.query<{ key: string }>(
        `select key from graphile_worker.jobs
          where key = any($1::text[]) and (attempts < max_attempts or locked_at is not null)`,
        [keys],
      ),
    );
    return new Set(found.rows.map((r) => r.key));
  };

  const advance: Task = async (payload, helpers) => {
    const { runId } = RunPayload.parse(payload);
    await advanceRun(deps, runId, { attempts: helpers.job.attempts, maxAttempts: helpers.job.max_attempts });
  };
  const sendEmail: Task = async (payload, helpers) => {
    await sendOutboxEmail({ database: opts.control, mailer: opts.clients.mailer }, EmailPayload.parse(payload), {
      attempts: helpers.job.attempts,
      maxAttempts: helpers.job.max_attempts,
    });
  };
  const staleLockSeconds = Math.max(1, Math.round((opts.staleLockMs ?? 5 * 60_000) / 1000));
  const releaseDeadWorkers = async () => {
    const { rows } = await utils.withPgClient((client) =>
      client.query<{ locked_by: string }>(deadWorkersQuery, [
        `${staleLockSeconds} seconds`,
        [ADVANCE_TASK, SEND_EMAIL_TASK, STRIPE_EVENT_TASK],
        presence.ids(),
      ]),
    );
    if (rows.length === 0) return;
    log("warn", `releasing jobs of ${rows.length} worker(s) that stopped responding`);
    await utils.forceUnlockWorkers(rows.map((r) => r.locked_by));
  };
  const sweep: Task = async (payload) => {
    const { staleAfterMs } = SweepPayload.parse(payload ?? {});
    await releaseDeadWorkers();
    const runs = await sweepStalledRuns({ database: opts.control, queue, liveJobKeys, staleAfterMs });
    const outbox = await sweepOutbox({ database: opts.control, queue, liveJobKeys, staleAfterMs });
    const inbox = stripe
      ? await sweepStripeInbox({ database: opts.control, queue, liveJobKeys, staleAfterMs })
      : { scheduled: 0 };
    if (inbox.scheduled) log("warn", `sweep queued ${inbox.scheduled} unprocessed Stripe event(s)`);
    outboxGauges().depth.set(outbox.pending);
    outboxGauges().oldest.set(outbox.oldestPendingAt ? (Date.now() - outbox.oldestPendingAt.getTime()) / 1000 : 0);
    if (runs.length || outbox.scheduled) {
      log("warn", `sweep re-queued ${runs.length} run(s) and ${outbox.scheduled} e-mail(s)`);
    }
  };
  // Offboarded tenants are hard-deleted once their retention period has passed (daily, 03:17 UTC).
  const purge: Task = async () => {
    await purgeDeletedTenants({ database: opts.control, retentionDays: provisioningEnv.TENANT_RETENTION_DAYS });
  };
  const taskList: TaskList = {
    [ADVANCE_TASK]: advance,
    [SEND_EMAIL_TASK]: sendEmail,
    [SWEEP_TASK]: sweep,
    [PURGE_TASK]: purge,
  };
  // Dunning moves on by the clock alone (no vendor needed): every minute.
  taskList[DUNNING_TASK] = async () => {
    await runDunningProgress({ database: opts.control, log });
  };
  const crontab = [
    `* * * * * ${SWEEP_TASK} ?max=1&jobKey=${SWEEP_TASK}`,
    `17 3 * * * ${PURGE_TASK} ?max=3&jobKey=${PURGE_TASK}`,
    `* * * * * ${DUNNING_TASK} ?max=3&jobKey=${DUNNING_TASK}`,
  ];
  if (stripe) {
    taskList[USAGE_REPORT_TASK] = async () => {
      await runUsageReport({ database: opts.control, stripe, log });
    };
    crontab.push(`* * * * * ${USAGE_REPORT_TASK} ?max=3&jobKey=${USAGE_REPORT_TASK}`);
    const billing = billingTasks({ database: opts.control, stripe, log });
    taskList[STRIPE_EVENT_TASK] = billing.processEvent;
    taskList[BILLING_RECONCILE_TASK] = billing.reconcile;
    // Queued by the memberships trigger (migration 0018): per-seat quantities follow the members.
    taskList[SEAT_SYNC_TASK] = seatSyncTask({ database: opts.control, stripe, log });
    // Hourly: webhooks carry the changes within seconds; this repairs what they never delivered.
    crontab.push(`41 * * * * ${BILLING_RECONCILE_TASK} ?max=3&jobKey=${BILLING_RECONCILE_TASK}`);
  }
  if (hosting) {
    taskList[RECONCILE_TASK] = async () => {
      await reconcileDomains({ database: opts.control, hosting, dns });
    };
    crontab.push(`*/10 * * * * ${RECONCILE_TASK} ?max=3&jobKey=${RECONCILE_TASK}`);
  }

  // Announce our ids before they lock a job, so that other processes can tell our workers from dead
  // ones (graphile-worker has no heartbeat of its own). Jobs are locked by the pool's id.
  const presence = await startWorkerPresence(opts.ownerUrl, log);
  const events: WorkerEvents = new EventEmitter();
  events.on("pool:create", ({ workerPool }) => presence.announce(workerPool.id));
  events.on("worker:create", ({ worker }) => presence.announce(worker.workerId));

  let runner: Runner;
  try {
    runner = await run({
      pgPool,
      events,
      concurrency,
      noHandleSignals: true,
      pollInterval: opts.pollInterval ?? 1000,
      logger,
      taskList: instrumented(taskList),
      crontab: opts.cron === false ? "" : crontab.join("\n"),
    });
  } catch (err) {
    await Promise.allSettled([utils.release(), lockDb.close(), presence.close()]);
    await pgPool.end().catch(() => {});
    throw err;
  }
  // Jobs of workers that died (a killed or crashed process) are taken over within seconds, at start
  // and while running — also when it was another instance's worker that died.
  const checkDeadWorkers = () =>
    releaseDeadWorkers().catch((err: Error) => {
      if (!stopping) log("error", `dead-worker check failed: ${err.message}`);
    });
  await checkDeadWorkers();
  const deadWorkerTimer = setInterval(checkDeadWorkers, opts.deadWorkerCheckMs ?? 5000);
  deadWorkerTimer.unref();
  // Anything left behind by a process that died while no worker was running.
  await utils.addJob(SWEEP_TASK, { staleAfterMs: 0 }, { jobKey: `${SWEEP_TASK}:boot`, maxAttempts: 3 });

  const stopTimeoutMs = opts.stopTimeoutMs ?? 8000;
  let stopped: Promise<void> | null = null;
  return {
    utils,
    queue,
    stop() {
      stopped ??= (async () => {
        stopping = true;
        clearInterval(deadWorkerTimer);
        const graceful = runner.stop().then(
          () => true,
          (err: Error) => {
            log("error", `worker stop: ${err.message}`);
            return true;
          },
        );
        const finished = await within(graceful, stopTimeoutMs, false);
        if (!finished) {
          // A job that does not finish in time is handed back now, not after a 4-hour lock expiry.
          log("warn", `jobs still running after ${stopTimeoutMs} ms: releasing them for the next worker`);
          await utils.forceUnlockWorkers(presence.ids()).catch((err: Error) => log("error", err.message));
        }
        await presence.close();
        // Connections still held by an abandoned job must not keep the process from stopping.
        await within(
          Promise.allSettled([utils.release(), lockDb.close(), pgPool.end()]).then(() => {}),
          finished ? 10_000 : 1000,
          undefined,
        );
      })();
      return stopped;
    },
  };
}
