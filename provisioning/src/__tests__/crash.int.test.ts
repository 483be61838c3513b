import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createJobQueue } from "../queue";
import { startOnboarding } from "../workflows/onboard";
import { crashAt, createHarness, type Harness, uniqueSlug, until } from "./harness";

/**
 * Crash-safety: the worker dies right after a step's effect became durable but before the step
 * was recorded as done (and, inside steps, between two effects). A new worker must finish the run
 * with every effect exactly once — at our database and at both vendors.
 */

let h: Harness;

beforeAll(async () => {
  h = await createHarness({ stepAttempts: 6 });
});

afterAll(async () => {
  await h?.close();
});

const CRASH_POINTS = [
  "reserve-tenant:done",
  "stripe-billing:customer-created",
  "stripe-billing:customer-recorded",
  "stripe-billing:subscription-created",
  "stripe-billing:done",
  "initial-theme:draft-saved",
  "initial-theme:done",
  "custom-domains:added HOST",
  "custom-domains:done",
  "owner-invitation:invited",
  "owner-invitation:done",
  "activate:done",
];

describe("a worker crash at any step boundary", () => {
  it.each(CRASH_POINTS)("resumes after a crash at %s without duplicating anything", async (point) => {
    const slug = uniqueSlug("crash");
    const hostname = `shop.${slug}.example.com`;
    const target = point.replace("HOST", hostname);
    const owner = `owner@${slug}.example`;

    await h.worker.stop();
    const crash = crashAt(target);
    await h.startWorker({ hooks: crash.hooks });
    const started = await startOnboarding({
      ctx: h.staff,
      input: {
        name: `Crash ${slug}`,
        slug,
        plan: "pro",
        ownerEmail: owner,
        customDomains: [hostname],
        themePreset: "forest",
      },
      worker: h.worker.queue,
    });
    const runId = started.run.id;
    const tenantId = started.run.forTenantId as string;
    await until(() => crash.state.crashed);

    // The process is gone: its runner stops, and a new one starts (a supervisor's restart). The dead
    // worker's job is due again at once, as it would be once its lock is declared stale.
    await h.worker.stop();
    const beforeRestart = await h.db.owner
      .sql`select status from provisioning_steps where run_id = ${runId} and step_id = ${target.split(":")[0] as string}`;
    expect(beforeRestart[0]?.status).toBe("running");
    await h.startWorker();
    await h.expediteRetries();

    const done = await h.waitForRun(runId, ["succeeded", "parked"]);
    expect(done.run.lastError).toBeNull();
    expect(done.run.status).toBe("succeeded");

    const tenants = await h.db.owner.sql`select id, status from tenants where slug = ${slug}`;
    expect(tenants).toEqual([{ id: tenantId, status: "active" }]);
    const invitations = await h.db.owner.sql`select id from invitations where tenant_id = ${tenantId}`;
    expect(invitations).toHaveLength(1);
    const themes = await h.db.owner.sql`select status from themes where tenant_id = ${tenantId}`;
    expect(themes).toEqual([{ status: "published" }]);
    const domains = await h.db.owner
      .sql`select status from domains where tenant_id = ${tenantId} and hostname = ${hostname}`;
    expect(domains).toEqual([{ status: "pending" }]);
    expect(h.vercel.domains.list().filter((d) => d.name === hostname)).toHaveLength(1);

    const key = `${runId}:owner-invitation`;
    await until(
      async () =>
        (await h.db.owner.sql`select status from email_outbox where idempotency_key = ${key}`)[0]?.status === "sent",
    );
    const outbox = await h.db.owner.sql`select id from email_outbox where tenant_id = ${tenantId}`;
    expect(outbox).toHaveLength(1);
    const mails = h.resend.store.list().filter((m) => m.idempotencyKey === key);
    expect(mails).toHaveLength(1);
    expect(h.resend.store.find({ to: owner })).toHaveLength(1);

    // One customer and one subscription at Stripe however the run was cut (the idempotency keys
    // replay Stripe's first answer), both in the ledger.
    const customers = await h.stripe.customers.list({ limit: 100 });
    expect(customers.data.filter((c) => c.metadata.tenantId === tenantId)).toHaveLength(1);
    const [account] = await h.db.owner
      .sql`select stripe_customer_id, subscription_status from billing_accounts where tenant_id = ${tenantId}`;
    expect(account?.subscription_status).toBe("trialing");
    const subs = await h.stripe.subscriptions.list({ customer: account?.stripe_customer_id, status: "all" });
    expect(subs.data).toHaveLength(1);

    // Each step's effects were audited once: no (request, action, target) twice.
    const audit = await h.db.owner.sql<{ request_id: string; action: string; n: number }[]>`
      select request_id, action, count(*)::int as n from audit_events where tenant_id = ${tenantId}
       group by request_id, action, target_id order by min(seq)`;
    expect(audit.filter((a) => a.n > 1)).toEqual([]);
    expect(audit.map((a) => a.action)).toEqual([
      "tenant.create",
      "billing.customer.create",
      "billing.subscription.sync",
      "theme.create",
      "theme.publish",
      "domain.add",
      "invitation.create",
      "tenant.activate",
    ]);
  });

  it("resumes a run whose worker died holding its job, once the sweep releases the dead worker's lock", async () => {
    await h.worker.stop();
    // Started by a process that runs no jobs (the control plane), while no worker is up.
    const queue = await createJobQueue({ ownerUrl: h.db.ownerUrl, stepAttempts: 6 });
    const slug = uniqueSlug("orphan");
    const started = await startOnboarding({
      ctx: h.staff,
      input: { name: `Orphan ${slug}`, slug, ownerEmail: `owner@${slug}.example` },
      worker: queue,
    });
    await queue.release();
    // A worker took the job and died: graphile-worker alone would leave it locked for 4 hours.
    const locked = await h.db.owner.sql`
      update graphile_worker._private_jobs set locked_at = now() - interval '10 minutes', locked_by = 'worker-that-died'
       where key = ${started.run.id} returning id`;
    expect(locked).toHaveLength(1);
    await h.startWorker();
    const done = await h.waitForRun(started.run.id, ["succeeded", "parked"], 10_000);
    expect(done.run.status).toBe("succeeded");
    expect(h.logs.some((l) => l.message.includes("stopped responding"))).toBe(true);
  });
});
