// npm run worker — the provisioning worker on its own (graphile-worker: provisioning runs, e-mail
// delivery, sweeps, domain reconcile), against DATABASE_URL, so that apps and workers scale apart.
// Any number may run: jobs are locked per worker, runs by their advisory lock.
//
// Lifecycle: SIGTERM / SIGINT stop taking jobs, let running ones finish (or hand them back after
// the stop timeout), close the HTTP server and the connections, then exit 0.
import { createDohTxtResolver } from "@mw/core/adapters/doh";
import { createResendMailer } from "@mw/core/adapters/resend";
import { createStripeClient, stripeOptionsFromEnv } from "@mw/core/adapters/stripe";
import { createVercelDomainHosting } from "@mw/core/adapters/vercel";
import { openDatabase, roleUrl } from "@mw/core/db";
import { env as coreEnv, rolePassword } from "@mw/core/env";
import { log, setLogService } from "@mw/core/observability";
import { onParentExit } from "@mw/core/process";
import { startWorker } from "@mw/provisioning/worker";
import { startWorkerHttp } from "@mw/provisioning/worker-http";
import { z } from "zod";

setLogService("worker");

const parsed = z
  .object({
    DATABASE_URL: z.string().min(1, "the owner connection of the platform's database (postgres://…)"),
    WORKER_HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3002),
    /** 0.0.0.0 in a container, so the orchestrator's probes and the scraper reach it. */
    WORKER_HTTP_HOST: z.string().default("127.0.0.1"),
    RESEND_API_KEY: z.string().optional(),
    RESEND_BASE_URL: z.url().optional(),
    VERCEL_TOKEN: z.string().optional(),
    VERCEL_PROJECT_ID: z.string().optional(),
    VERCEL_TEAM_ID: z.string().optional(),
    VERCEL_API_URL: z.url().optional(),
    DNS_RESOLVER_URL: z.url().optional(),
  })
  .safeParse(process.env);
if (!parsed.success) {
  for (const i of parsed.error.issues) log.fatal(`cannot start: ${i.path.join(".")}: ${i.message}`);
  process.exit(1);
}
const env = parsed.data;
if (!env.RESEND_API_KEY && !env.RESEND_BASE_URL) {
  log.fatal("cannot start: set RESEND_API_KEY (Resend), or RESEND_BASE_URL for a local Resend emulator");
  process.exit(1);
}

const mailer = createResendMailer({
  apiKey: env.RESEND_API_KEY ?? "re_local_emulator_key",
  ...(env.RESEND_BASE_URL ? { baseUrl: env.RESEND_BASE_URL } : {}),
});
// Domains: Vercel with a token and project, the emulator at VERCEL_API_URL, or none (custom
// domains then wait for a worker that has them).
const hosting =
  env.VERCEL_TOKEN || env.VERCEL_API_URL
    ? createVercelDomainHosting({
        bearerToken: env.VERCEL_TOKEN ?? "mw_local_emulator_token",
        projectId: env.VERCEL_PROJECT_ID ?? "prj_emulator0000000000000000",
        ...(env.VERCEL_TEAM_ID ? { teamId: env.VERCEL_TEAM_ID } : {}),
        ...(env.VERCEL_API_URL ? { serverURL: env.VERCEL_API_URL } : {}),
      })
    : null;
if (!hosting) log.warn("no VERCEL_TOKEN or VERCEL_API_URL: domain steps and reconcile are off in this worker");
const dns = createDohTxtResolver(env.DNS_RESOLVER_URL ? { url: env.DNS_RESOLVER_URL } : {});

// Stripe: the real API with STRIPE_SECRET_KEY, the emulator at STRIPE_API_URL, or none (usage then
// waits in the ledger for a worker that has it).
const stripeOptions = stripeOptionsFromEnv(coreEnv);
const stripe = stripeOptions ? createStripeClient(stripeOptions) : null;
if (!stripe)
  log.warn(
    "no STRIPE_SECRET_KEY or STRIPE_API_URL: usage reporting, webhook processing and billing steps are off in this worker",
  );

const control = openDatabase(roleUrl(env.DATABASE_URL, "mw_control", rolePassword()), {
  max: 20,
  applicationName: "mw_worker",
});
const worker = await startWorker({ ownerUrl: env.DATABASE_URL, control, clients: { mailer, hosting, dns, stripe } });
const http = await startWorkerHttp({
  port: env.WORKER_HTTP_PORT,
  host: env.WORKER_HTTP_HOST,
  ownerUrl: env.DATABASE_URL,
});
log.info({ url: http.url }, "provisioning worker running (health and metrics at this address)");

let stopping = false;
async function shutdown(reason: string) {
  if (stopping) return;
  stopping = true;
  const t0 = Date.now();
  log.info({ reason }, "stopping the worker");
  await http.close();
  await worker.stop();
  await control.close();
  log.info({ ms: Date.now() - t0 }, "worker stopped");
  process.exit(0);
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void shutdown(signal));
onParentExit(() => void shutdown("parent process exited"));
