// Billing benchmarks (issue 10.10), against an isolated platform like the HTTP bench: the Stripe
// webhook intake (verify + inbox insert + 2xx) against a bare Next route handler of the same control
// plane in the same run, and the time from `invoice.paid` to the entitlement showing in the runtime.
// Nothing of ours is imported at the top (core reads its environment once, at first import).
import { closeSync, mkdirSync, openSync, rmSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:http";

export const BILLING_BENCH = {
  controlPlanePort: 3400,
  tenantAppPort: 3401,
  workerHttpPort: 3402,
  resendEmulatorPort: 4410,
  vercelEmulatorPort: 4420,
  stripeEmulatorPort: 4430,
  pgPort: 54379,
  dataDir: ".data/bench-billing",
  logFile: ".data/bench-billing/apps.log",
} as const;

const EVENTS = 4000;
const DUPLICATE_SHARE = 0.2;
const CONNECTIONS = 16;
const PAID_ROUNDS = 20;
const SLUG = "aurora-records";
const TENANT_HOST = `${SLUG}.localhost:${BILLING_BENCH.tenantAppPort}`;
const MEMBER_EMAIL = `owner@${SLUG}.example`;
const TARGET_EVENTS_PER_S = 500;
const TARGET_ACK_P99_MS = 50;
const TARGET_VISIBLE_P99_MS = 1000;

export async function prepareBillingBenchEnv(): Promise<void> {
  process.env.DATA_DIR = BILLING_BENCH.dataDir;
  process.env.EMBEDDED_PG_PORT = String(BILLING_BENCH.pgPort);
  const external = process.env.DATABASE_URL;
  delete process.env.DATABASE_URL;
  delete process.env.CONTROL_DATABASE_URL;
  delete process.env.RUNTIME_DATABASE_URL;
  await import("@mw/core/env");
  if (external) process.env.DATABASE_URL = external;
}

interface Load {
  perSecond: number;
  p50: number;
  p99: number;
  statuses: Record<string, number>;
}

/** One HTTP request over `agent`: the status and the body. */
function send(
  agent: Agent,
  url: string,
  o: { method: string; headers: Record<string, string>; body?: string },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: o.method, headers: o.headers, agent }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(o.body);
  });
}

/** Sends every body once, `CONNECTIONS` at a time over keep-alive, timing each answer. */
async function fire(url: string, bodies: { body: string; headers: Record<string, string> }[]): Promise<Load> {
  const { percentile } = await import("./harness");
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (next < bodies.length) {
        const b = bodies[next++] as (typeof bodies)[number];
        const start = performance.now();
        const res = await send(agent, url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "content-length": String(Buffer.byteLength(b.body)),
            ...b.headers,
          },
          body: b.body,
        });
        latencies.push(performance.now() - start);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    perSecond: bodies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    statuses,
  };
}

export async function benchBilling(): Promise<void> {
  const { startPlatform } = await import("../../scripts/platform");
  const { emit, round, stats } = await import("./harness");
  const { Stripe, createStripeClient, STRIPE_EMULATOR_SECRET_KEY, STRIPE_WEBHOOK_PATH } = await import(
    "@mw/core/adapters/stripe"
  );
  const postgres = (await import("postgres")).default;

  rmSync(BILLING_BENCH.dataDir, { recursive: true, force: true });
  mkdirSync(BILLING_BENCH.dataDir, { recursive: true });
  const fd = openSync(BILLING_BENCH.logFile, "w");
  const platform = await startPlatform({
    controlPlanePort: BILLING_BENCH.controlPlanePort,
    tenantAppPort: BILLING_BENCH.tenantAppPort,
    workerHttpPort: BILLING_BENCH.workerHttpPort,
    build: false,
    resendEmulatorPort: BILLING_BENCH.resendEmulatorPort,
    vercelEmulatorPort: BILLING_BENCH.vercelEmulatorPort,
    stripeEmulatorPort: BILLING_BENCH.stripeEmulatorPort,
    appEnv: { BENCH_BASELINE: "1" },
    log: (line) => writeFileSync(fd, `[platform] ${line}\n`),
    stdio: fd,
  });
  const owner = postgres(platform.ownerUrl, { max: 2, onnotice: () => {} });
  const stripeUrl = platform.stripeUrl as string;
  const secret = platform.stripeWebhookSecret as string;
  const stripe = createStripeClient({ secretKey: STRIPE_EMULATOR_SECRET_KEY, apiUrl: stripeUrl });
  const base = `http://localhost:${BILLING_BENCH.controlPlanePort}`;
  // Our deliveries only: the emulator's own would mix into the figures.
  await fetch(`${stripeUrl}/_emulator/webhooks/settings`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ drop: true }),
  });
  try {
    // --- Intake: 80 % new events, 20 % redeliveries of them, shuffled. -------------------------
    const unique = Math.round(EVENTS * (1 - DUPLICATE_SHARE));
    const runId = Date.now().toString(36);
    const payloads = Array.from({ length: unique }, (_, i) =>
      JSON.stringify({
        id: `evt_bench_${runId}_${i}`,
        object: "event",
        api_version: "2026-11-18.endive",
        created: Math.floor(Date.now() / 1000),
        livemode: false,
        pending_webhooks: 1,
        request: { id: null, idempotency_key: null },
        // An event billing does not act on: processing marks it ignored without calling Stripe, so
        // the worker's share of the two cores stays small and the figure is the intake's.
        type: "customer.updated",
        data: { object: { id: `cus_bench_${i}`, object: "customer", metadata: {} } },
      }),
    );
    const deliveries = [...payloads, ...payloads.slice(0, EVENTS - unique)];
    for (let i = deliveries.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [deliveries[i], deliveries[j]] = [deliveries[j] as string, deliveries[i] as string];
    }
    const signed = () =>
      deliveries.map((body) => ({
        body,
        headers: { "stripe-signature": Stripe.webhooks.generateTestHeaderString({ payload: body, secret }) },
      }));
    // Warm both routes (first compile of each path, pools, prepared statements).
    await fire(`${base}/baseline/webhook`, signed().slice(0, 300));
    const warm = signed()
      .slice(0, 300)
      .map((d, i) => ({ ...d, body: d.body.replaceAll(`evt_bench_${runId}_`, `evt_warm_${runId}_${i}_`) }));
    for (const w of warm)
      w.headers["stripe-signature"] = Stripe.webhooks.generateTestHeaderString({ payload: w.body, secret });
    await fire(`${base}${STRIPE_WEBHOOK_PATH}`, warm);

    const baseline = await fire(`${base}/baseline/webhook`, signed());
    const intake = await fire(`${base}${STRIPE_WEBHOOK_PATH}`, signed());
    const [stored] = await owner<{ n: number }[]>`
      select count(*)::int as n from stripe_events where id like ${`evt_bench_${runId}_%`}`;
    const failed = Object.entries(intake.statuses).filter(([s]) => !s.startsWith("2"));
    if (failed.length || stored?.n !== unique) process.exitCode = 1;
    const common = { connections: CONNECTIONS, events: EVENTS, duplicates: EVENTS - unique };
    emit({
      bench: "webhook_intake",
      metric: "events_per_s",
      value: intake.perSecond,
      unit: "events/s",
      baseline: baseline.perSecond,
      target: TARGET_EVENTS_PER_S,
      ...common,
      stored: stored?.n ?? 0,
      expected_stored: unique,
      statuses: intake.statuses,
    });
    emit({
      bench: "webhook_intake",
      metric: "ack_p50",
      value: intake.p50,
      unit: "ms",
      baseline: baseline.p50,
      ...common,
    });
    emit({
      bench: "webhook_intake",
      metric: "ack_p99",
      value: intake.p99,
      unit: "ms",
      baseline: baseline.p99,
      target: TARGET_ACK_P99_MS,
      ...common,
    });

    // --- invoice.paid → entitlement visible in the runtime. -----------------------------------
    const [tenant] = await owner<{ id: string }[]>`select id from tenants where slug = ${SLUG}`;
    const tenantId = tenant?.id as string;
    const customer = await stripe.customers.create({ name: SLUG, metadata: { tenantId } });
    const pm = await stripe.paymentMethods.attach("pm_card_visa", { customer: customer.id });
    await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: pm.id } });
    await owner`
      insert into billing_accounts (tenant_id, stripe_customer_id) values (${tenantId}, ${customer.id})
      on conflict (tenant_id) do update set stripe_customer_id = excluded.stripe_customer_id`;
    const cookie = `mw_session=${await signIn(platform.ownerUrl, platform.rolePassword)}`;
    const [pro] = (await stripe.prices.list({ lookup_keys: ["mw_pro_monthly"] })).data;
    const deliver = async (event: unknown) => {
      const payload = JSON.stringify(event);
      const res = await fetch(`${base}${STRIPE_WEBHOOK_PATH}`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "stripe-signature": Stripe.webhooks.generateTestHeaderString({ payload, secret }),
        },
        body: payload,
      });
      if (res.status !== 200) throw new Error(`bench: delivery answered ${res.status}`);
    };
    const pageAgent = new Agent({ keepAlive: true, maxSockets: 1 });
    const eventsPage = async () => {
      const res = await send(pageAgent, `http://127.0.0.1:${BILLING_BENCH.tenantAppPort}/events`, {
        method: "GET",
        headers: { host: TENANT_HOST, cookie },
      });
      return res.status === 200 && res.body.includes('data-testid="event-list"');
    };
    const waitFor = async (want: boolean, limitMs: number) => {
      const start = performance.now();
      while (performance.now() - start < limitMs) {
        if ((await eventsPage()) === want) return performance.now() - start;
        await new Promise((r) => setTimeout(r, 5));
      }
      throw new Error(`bench: the events page did not turn ${want ? "on" : "off"} in ${limitMs} ms`);
    };
    const samples: number[] = [];
    for (let round_ = 0; round_ < PAID_ROUNDS + 2; round_++) {
      // Back to Free: the subscription ends at Stripe and its deletion is delivered.
      const live = await stripe.subscriptions.list({ customer: customer.id, status: "active" });
      for (const s of live.data) await stripe.subscriptions.cancel(s.id);
      if (live.data.length) {
        const deleted = await stripe.events.list({ type: "customer.subscription.deleted", limit: 1 });
        await deliver(deleted.data[0]);
      } else {
        // First round: the demo tenant is on Pro without a subscription; start it from Free.
        await owner`update tenants set plan = 'free', addons = '{}', entitlements = ${owner.json({
          plan: "free",
          features: [],
          limits: { artists: 10, members: 5, customDomains: 0 },
        })} where id = ${tenantId}`;
      }
      await waitFor(false, 10_000);
      // Pro, paid at once; only invoice.paid is delivered.
      await stripe.subscriptions.create({ customer: customer.id, items: [{ price: pro?.id as string }] });
      const paid = await stripe.events.list({ type: "invoice.paid", limit: 1 });
      const t0 = performance.now();
      await deliver(paid.data[0]);
      await waitFor(true, 10_000);
      // The first two rounds warm the paths (compiles, pools); they are not counted.
      if (round_ >= 2) samples.push(performance.now() - t0);
    }
    const s = stats(samples);
    emit({
      bench: "invoice_paid_to_runtime",
      metric: "visible_p99",
      value: round(s.p99, 1),
      unit: "ms",
      target: TARGET_VISIBLE_P99_MS,
      p50: round(s.p50, 1),
      mean: round(s.mean, 1),
      rounds: s.n,
      path: "signed POST /api/webhooks/stripe → job → Stripe re-fetch → tenants → NOTIFY → runtime /events",
    });
    pageAgent.destroy();
  } finally {
    await owner.end();
    await platform.stop();
    closeSync(fd);
  }
}

/** A session of the demo owner, as the HTTP bench signs in. */
async function signIn(ownerUrl: string, rolePassword: string): Promise<string> {
  const [{ openDatabase, roleUrl }, { newId }, { readEntitlements }, { HostResolver }, sessions, seed] =
    await Promise.all([
      import("@mw/core/db"),
      import("@mw/core/ids"),
      import("@mw/core/plans"),
      import("@mw/core/runtime"),
      import("@mw/core/sessions"),
      import("@mw/provisioning/demo-seed"),
    ]);
  const runtime = openDatabase(roleUrl(ownerUrl, "mw_runtime", rolePassword), { max: 2 });
  try {
    const tenant = await new HostResolver(runtime).resolve(TENANT_HOST);
    if (!tenant) throw new Error(`bench: ${TENANT_HOST} does not resolve to a tenant`);
    const { token } = await sessions.signInWithPassword({
      ctx: {
        tenant: { id: tenant.tenantId, slug: tenant.slug, status: tenant.status, plan: tenant.plan },
        database: runtime,
        entitlements: readEntitlements(tenant.entitlements),
        requestId: newId("request"),
        ip: "127.0.0.1",
        userAgent: "mw-bench-billing",
      },
      input: { email: MEMBER_EMAIL, password: seed.DEMO_PASSWORD },
    });
    return token;
  } finally {
    await runtime.close();
  }
}
