import { createResendMailer } from "@mw/core/adapters/resend";
import { createStripeClient } from "@mw/core/adapters/stripe";
import { createVercelDomainHosting } from "@mw/core/adapters/vercel";
import { buildStaffAbility } from "@mw/core/authz";
import { syncCatalog } from "@mw/core/billing/catalog-sync";
import type { PlatformCtx } from "@mw/core/context";
import type { Database } from "@mw/core/db";
import { newId } from "@mw/core/ids";
import { startResendEmulator } from "@mw/emulators/resend";
import { startStripeEmulator } from "@mw/emulators/stripe";
import { startVercelEmulator } from "@mw/emulators/vercel";
import { startOnboarding } from "@mw/provisioning";
import { startWorker } from "@mw/provisioning/worker";
import { type BenchDb, emit, nowMs, round, stats } from "./harness";

const SEQUENTIAL = 50;
const BURST = 1000;
/** Jobs at once on 2 cores: steps mostly wait on Postgres and the vendors, e-mail rendering is CPU. */
const CONCURRENCY = 24;
const RESEND_KEY = "re_bench_key";
const STRIPE_KEY = "sk_test_bench_key";
const VERCEL_TOKEN = "vercel_bench_token";

/** The owner connection string behind a pool (the bench harness hands out pools, graphile-worker wants a URL). */
function urlOf(database: Database): string {
  const o = database.sql.options as unknown as {
    host: string[];
    port: number[];
    user: string;
    pass: string | null;
    database: string;
  };
  const url = new URL("postgres://localhost");
  url.hostname = o.host[0] ?? "127.0.0.1";
  url.port = String(o.port[0] ?? 5432);
  url.username = o.user;
  url.password = o.pass ?? "";
  url.pathname = `/${o.database}`;
  return url.toString();
}

const input = (i: string, withDomain: boolean) => ({
  name: `Bench ${i}`,
  slug: `bench-${i}`,
  plan: "pro" as const,
  ownerEmail: `owner@bench-${i}.example`,
  customDomains: withDomain ? [`music.bench-${i}.example.com`] : [],
  themePreset: "aurora" as const,
});

/**
 * Onboarding against the emulators (Resend, Vercel), end to end through the worker: per-tenant
 * latency from `startOnboarding` to the run's `succeeded` for tenants one after another, then
 * 1,000 onboardings started at once and the time until all have succeeded. Every run reserves a
 * tenant, creates its Stripe customer and Pro trial subscription, publishes its theme, adds a custom domain at Vercel, invites the owner (the e-mail job is
 * sent through Resend alongside) and activates.
 */
export async function benchProvisioning(db: BenchDb): Promise<void> {
  const [resend, vercel, stripeEmulator] = await Promise.all([
    startResendEmulator({ apiKey: RESEND_KEY }),
    startVercelEmulator({ token: VERCEL_TOKEN }),
    startStripeEmulator({ apiKey: STRIPE_KEY }),
  ]);
  const stripe = createStripeClient({ secretKey: STRIPE_KEY, apiUrl: stripeEmulator.url });
  await syncCatalog(stripe);
  const worker = await startWorker({
    ownerUrl: urlOf(db.owner),
    control: db.control,
    clients: {
      mailer: createResendMailer({ apiKey: RESEND_KEY, baseUrl: resend.url }),
      hosting: createVercelDomainHosting({
        bearerToken: VERCEL_TOKEN,
        projectId: vercel.projectId,
        serverURL: vercel.url,
      }),
      stripe,
    },
    concurrency: CONCURRENCY,
    cron: false,
  });
  const staffId = newId("staff");
  const ctx: PlatformCtx = {
    actor: { type: "staff", staffId },
    ability: buildStaffAbility({ staffId, roles: ["onboarding"] }),
    database: db.control,
    requestId: newId("request"),
  };
  const statusOf = async (ids: string[]) =>
    db.control.sql<{ status: string; n: number }[]>`
      select status, count(*)::int as n from provisioning_runs where id = any(${ids}) group by status`;

  try {
    // Warm-up (first-use costs: prepared statements, react-email, SDK clients).
    for (let i = 0; i < 5; i++) {
      const { run } = await startOnboarding({ ctx, input: input(`warm-${i}`, true), worker: worker.queue });
      await waitFor(async () => (await statusOf([run.id])).some((s) => s.status === "succeeded"), 30_000);
    }

    const latencies: number[] = [];
    for (let i = 0; i < SEQUENTIAL; i++) {
      const t0 = nowMs();
      const { run } = await startOnboarding({ ctx, input: input(`seq-${i}`, true), worker: worker.queue });
      await waitFor(async () => (await statusOf([run.id])).some((s) => s.status === "succeeded"), 30_000, 2);
      latencies.push(nowMs() - t0);
    }
    const seq = stats(latencies);
    emit({
      bench: "provisioning_latency",
      metric: "p50_ms",
      value: seq.p50,
      unit: "ms",
      target: 1000,
      p99_ms: round(seq.p99, 1),
      mean_ms: round(seq.mean, 1),
      tenants: SEQUENTIAL,
    });

    const t0 = nowMs();
    const ids: string[] = [];
    let next = 0;
    // "At once": the staff side starts them as fast as it can (16 requests in flight).
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < BURST) {
          const i = next++;
          const { run } = await startOnboarding({ ctx, input: input(`burst-${i}`, true), worker: worker.queue });
          ids.push(run.id);
        }
      }),
    );
    const startedMs = nowMs() - t0;
    let last: { status: string; n: number }[] = [];
    await waitFor(
      async () => {
        last = await statusOf(ids);
        if (last.some((s) => s.status === "parked")) throw new Error(`a run parked: ${JSON.stringify(last)}`);
        return last.find((s) => s.status === "succeeded")?.n === BURST;
      },
      300_000,
      100,
    );
    const seconds = (nowMs() - t0) / 1000;
    emit({
      bench: "provisioning_burst",
      metric: "seconds_for_1000",
      value: seconds,
      unit: "s",
      target: 120,
      tenants: BURST,
      tenants_per_s: round(BURST / seconds, 1),
      start_calls_s: round(startedMs / 1000, 2),
      concurrency: CONCURRENCY,
    });
    const sent = await waitFor(async () => resend.store.size >= SEQUENTIAL + BURST + 5, 120_000, 100).then(
      () => resend.store.size,
      () => resend.store.size,
    );
    console.error(`[bench] provisioning: ${sent} invitation e-mails accepted by the Resend emulator`);
  } finally {
    await worker.stop();
    await Promise.all([resend.stop(), vercel.stop(), stripeEmulator.stop()]);
  }
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, everyMs = 5): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** `npx tsx tests/bench/provisioning.ts` runs this bench alone. */
if (import.meta.url === `file://${process.argv[1]}`) {
  const { openBenchDb } = await import("./harness");
  const db = await openBenchDb();
  try {
    await benchProvisioning(db);
  } finally {
    await db.close();
  }
}
