import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDohTxtResolver } from "@mw/core/adapters/doh";
import { createResendMailer } from "@mw/core/adapters/resend";
import { createStripeClient, type Stripe } from "@mw/core/adapters/stripe";
import { createVercelDomainHosting } from "@mw/core/adapters/vercel";
import { syncCatalog } from "@mw/core/billing/catalog-sync";
import type { PlatformCtx } from "@mw/core/context";
import { createTestDatabase, staffCtx, type TestDatabase } from "@mw/core/testing";
import { type ResendEmulator, startResendEmulator } from "@mw/emulators/resend";
import { type StripeEmulator, startStripeEmulator } from "@mw/emulators/stripe";
import { startVercelEmulator, type VercelEmulator } from "@mw/emulators/vercel";
import { CrashError } from "../engine/errors";
import { loadRun } from "../engine/store";
import type { EngineHooks, LogFn, RunStatus, RunWithSteps } from "../engine/types";
import { type ProvisioningWorker, startWorker } from "../worker";

export const VERCEL_TOKEN = "vercel_test_token";
export const RESEND_KEY = "re_test_key";
export const STRIPE_KEY = "sk_test_provisioning";

export interface Harness {
  db: TestDatabase;
  resend: ResendEmulator;
  vercel: VercelEmulator;
  stripeEmulator: StripeEmulator;
  stripe: Stripe;
  exportDir: string;
  staff: PlatformCtx;
  /** Errors graphile-worker and the engine reported (kept quiet, asserted where it matters). */
  logs: { level: string; message: string }[];
  worker: ProvisioningWorker;
  startWorker(opts?: { hooks?: EngineHooks; stepAttempts?: number }): Promise<ProvisioningWorker>;
  /** Polls until the run reaches one of `statuses`, pulling retries forward past their backoff. */
  waitForRun(runId: string, statuses: RunStatus[], timeoutMs?: number): Promise<RunWithSteps>;
  /** Pulls every job waiting out a backoff forward to now (what time would do, minus the wait). */
  expediteRetries(): Promise<void>;
  close(): Promise<void>;
}

export async function createHarness(opts: { stepAttempts?: number } = {}): Promise<Harness> {
  const db = await createTestDatabase();
  const [resend, vercel, stripeEmulator] = await Promise.all([
    startResendEmulator({ apiKey: RESEND_KEY }),
    startVercelEmulator({ token: VERCEL_TOKEN }),
    startStripeEmulator({ apiKey: STRIPE_KEY }),
  ]);
  const stripe = createStripeClient({ secretKey: STRIPE_KEY, apiUrl: stripeEmulator.url });
  await syncCatalog(stripe);
  const exportDir = await mkdtemp(join(tmpdir(), "mw-exports-"));
  const mailer = createResendMailer({ apiKey: RESEND_KEY, baseUrl: resend.url });
  const hosting = createVercelDomainHosting({
    bearerToken: VERCEL_TOKEN,
    projectId: vercel.projectId,
    serverURL: vercel.url,
  });
  const logs: Harness["logs"] = [];
  const log: LogFn = (level, message) => {
    if (level === "error" || level === "warn") logs.push({ level, message });
  };

  const start = (o: { hooks?: EngineHooks; stepAttempts?: number } = {}) =>
    startWorker({
      ownerUrl: db.ownerUrl,
      control: db.control,
      clients: { mailer, hosting, dns: createDohTxtResolver({ url: `${vercel.url}/dns-query` }), stripe },
      concurrency: 2,
      stepAttempts: o.stepAttempts ?? opts.stepAttempts ?? 3,
      exportDir,
      pollInterval: 100,
      cron: false,
      log,
      ...(o.hooks ? { hooks: o.hooks } : {}),
    });

  const harness: Harness = {
    db,
    resend,
    vercel,
    stripeEmulator,
    stripe,
    exportDir,
    staff: staffCtx(db.control, ["onboarding", "platform_admin"]),
    logs,
    worker: await start(),
    async startWorker(o) {
      harness.worker = await start(o);
      return harness.worker;
    },
    async expediteRetries() {
      const { rows } = await harness.worker.utils.withPgClient((c) =>
        c.query<{ id: string }>(
          `select id from graphile_worker.jobs
            where locked_at is null and attempts > 0 and attempts < max_attempts and run_at > now()`,
        ),
      );
      if (rows.length)
        await harness.worker.utils.rescheduleJobs(
          rows.map((r) => r.id),
          { runAt: new Date() },
        );
    },
    async waitForRun(runId, statuses, timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const state = await loadRun(db.control, runId);
        if (state && statuses.includes(state.run.status)) return state;
        if (Date.now() > until) {
          throw new Error(
            `run ${runId} is ${state?.run.status} (${state?.run.lastError ?? "no error"}), not ${statuses}`,
          );
        }
        await harness.expediteRetries();
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async close() {
      await harness.worker.stop();
      await Promise.all([resend.stop(), vercel.stop(), stripeEmulator.stop()]);
      await db.drop();
      await rm(exportDir, { recursive: true, force: true });
    },
  };
  return harness;
}

/**
 * A crash hook: the first time the engine reaches `target` (`stepId:label`) it throws CrashError,
 * which the engine treats as the process vanishing — nothing more is written for that step.
 */
export function crashAt(target: string) {
  const state = { crashed: false };
  const hooks: EngineHooks = {
    afterEffect({ stepId, label }) {
      if (!state.crashed && `${stepId}:${label}` === target) {
        state.crashed = true;
        throw new CrashError(`crash at ${target}`);
      }
    },
  };
  return { hooks, state };
}

export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}

let counter = 0;
export const uniqueSlug = (base: string) => `${base}-${process.pid}-${++counter}`;
