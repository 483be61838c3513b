import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { platformHostname } from "../core-internals";
import { PermanentStepError } from "../engine/errors";
import { startOnboarding } from "../workflows/onboard";
import { cancelProvisioningRun, countRuns, getRun, listRuns, retryProvisioningRun } from "../workflows/staff";
import { onboardingInput } from "./fixtures/onboarding-input";
import { createHarness, type Harness, uniqueSlug } from "./harness";

let h: Harness;

beforeAll(async () => {
  h = await createHarness({ stepAttempts: 3 });
});

afterAll(async () => {
  await h?.close();
});

const STEPS = ["reserve-tenant", "stripe-billing", "initial-theme", "custom-domains", "owner-invitation", "activate"];

describe("onboarding", () => {
  it("provisions a tenant end to end: active, themed, domain pending at the vendor, owner invited once", async () => {
    const slug = uniqueSlug("happy");
    const started = await startOnboarding({ ctx: h.staff, input: onboardingInput(slug), worker: h.worker.queue });
    expect(started.run.status).toBe("pending");
    expect(started.steps.map((s) => s.stepId)).toEqual(STEPS);
    const tenantId = started.run.forTenantId as string;

    const done = await h.waitForRun(started.run.id, ["succeeded", "parked"]);
    expect(done.run.lastError).toBeNull();
    expect(done.run.status).toBe("succeeded");
    expect(done.steps.map((s) => [s.stepId, s.status, s.attempts])).toEqual(STEPS.map((s) => [s, "succeeded", 1]));

    const [tenant] = await h.db.owner.sql`select status, slug, name from tenants where id = ${tenantId}`;
    expect(tenant).toMatchObject({ status: "active", slug });

    const themes = await h.db.owner.sql`select status, tokens from themes where tenant_id = ${tenantId}`;
    expect(themes).toHaveLength(1);
    expect(themes[0]?.status).toBe("published");
    // The tenant's name, made safe for a From header, is the sender; the preset supplies the rest.
    expect(themes[0]?.tokens.email.senderName).toBe(`Acme Records ${slug}`);

    const hostname = `music.${slug}.example.com`;
    const [domain] = await h.db.owner
      .sql`select status, kind from domains where tenant_id = ${tenantId} and hostname = ${hostname}`;
    expect(domain).toMatchObject({ status: "pending", kind: "custom" });
    expect(h.vercel.domains.get(hostname)?.verified).toBe(false);

    const invitations = await h.db.owner
      .sql`select email, role_keys, status from invitations where tenant_id = ${tenantId}`;
    expect(invitations).toEqual([{ email: `owner@${slug}.example`, role_keys: ["owner"], status: "pending" }]);

    const key = `${started.run.id}:owner-invitation`;
    const [outbox] = await h.db.owner
      .sql`select status, provider_id, payload from email_outbox where idempotency_key = ${key}`;
    await expect
      .poll(
        async () => (await h.db.owner.sql`select status from email_outbox where idempotency_key = ${key}`)[0]?.status,
      )
      .toBe("sent");
    expect(outbox?.payload.link).toMatch(
      new RegExp(`^http://${platformHostname(slug).replaceAll(".", "\\.")}:\\d+/invite/`),
    );
    const mails = h.resend.store.find({ to: `owner@${slug}.example` });
    expect(mails).toHaveLength(1);
    expect(mails[0]?.idempotencyKey).toBe(key);
    expect(mails[0]?.body.from).toContain(`Acme Records ${slug}`);
    expect(mails[0]?.body.subject).toContain(`Acme "Records" <${slug}>`);
    // The token is in the e-mail's link only — never in the audit log.
    const token = /\/invite\/([^"<\s]+)/.exec(mails[0]?.body.html ?? "")?.[1];
    expect(token).toBeTruthy();

    const audit = await h.db.owner.sql<{ action: string; request_id: string; after: unknown }[]>`
      select action, request_id, after from audit_events where tenant_id = ${tenantId} order by seq`;
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
    expect(audit.every((a) => a.request_id.startsWith(`${started.run.id}:`))).toBe(true);
    expect(JSON.stringify(audit)).not.toContain(decodeURIComponent(token as string));

    // Stripe: one customer naming the tenant, one Pro subscription on the plan's 14-day trial, each
    // created with the run's own idempotency key; the tenant's ledger copied from it.
    const posts = h.stripeEmulator.requests.filter(
      (r) => r.method === "POST" && r.idempotencyKey?.startsWith(`${started.run.id}:stripe-billing`),
    );
    expect(posts.map((r) => [r.path, r.idempotencyKey])).toEqual([
      ["/v1/customers", `${started.run.id}:stripe-billing:customer`],
      ["/v1/subscriptions", `${started.run.id}:stripe-billing:subscription`],
    ]);
    const [account] = await h.db.owner.sql`
      select stripe_customer_id, stripe_subscription_id, subscription_status, billing_interval, seats, trial_end
        from billing_accounts where tenant_id = ${tenantId}`;
    expect(account).toMatchObject({ subscription_status: "trialing", billing_interval: "month", seats: 1 });
    const customer = await h.stripe.customers.retrieve(account?.stripe_customer_id);
    expect(customer.deleted ? null : customer.metadata.tenantId).toBe(tenantId);
    const sub = await h.stripe.subscriptions.retrieve(account?.stripe_subscription_id);
    expect(sub.items.data.map((i) => i.price.lookup_key)).toEqual(["mw_pro_monthly"]);
    expect(sub.trial_end).toBe(sub.trial_start && sub.trial_start + 14 * 86400);
    const [plan] = await h.db.owner.sql`select plan, entitlements from tenants where id = ${tenantId}`;
    expect(plan?.plan).toBe("pro");
    expect(plan?.entitlements.features).toContain("events");

    const seen = await getRun({ ctx: h.staff, input: { runId: started.run.id } });
    expect(seen.run.status).toBe("succeeded");
    const listed = await listRuns({ ctx: h.staff, input: { status: "succeeded", kind: "onboard", limit: 10 } });
    expect(listed.map((r) => r.run.id)).toContain(started.run.id);
    // Counted by status, and paged: the second page starts where the first ended.
    const counted = await countRuns({ ctx: h.staff, input: { kind: "onboard" } });
    expect(counted.byStatus.succeeded).toBeGreaterThanOrEqual(1);
    expect(counted.total).toBe(Object.values(counted.byStatus).reduce((a, b) => a + (b ?? 0), 0));
    const all = await listRuns({ ctx: h.staff, input: { kind: "onboard", limit: 200 } });
    expect(all).toHaveLength(counted.total);
    const second = await listRuns({ ctx: h.staff, input: { kind: "onboard", limit: 1, offset: 1 } });
    expect(second.map((r) => r.run.id)).toEqual(all.slice(1, 2).map((r) => r.run.id));
  });

  it("parks a run whose step keeps failing, with the error; a staff retry completes it", async () => {
    const slug = uniqueSlug("flaky");
    // The vendor is down for exactly as many attempts as a step gets.
    h.vercel.failNext({ path: `/v10/projects/${h.vercel.projectId}/domains`, method: "POST", status: 503, times: 3 });
    const started = await startOnboarding({ ctx: h.staff, input: onboardingInput(slug), worker: h.worker.queue });
    const parked = await h.waitForRun(started.run.id, ["parked", "succeeded"]);
    expect(parked.run.status).toBe("parked");
    expect(parked.run.lastError).toMatch(
      /^custom-domains: HostingUnavailableError: We could not reach our hosting provider/,
    );
    const step = parked.steps.find((s) => s.stepId === "custom-domains");
    expect(step).toMatchObject({ status: "failed", attempts: 3 });
    expect(parked.steps.find((s) => s.stepId === "owner-invitation")?.status).toBe("pending");
    expect(h.resend.store.find({ to: `owner@${slug}.example` })).toHaveLength(0);

    const retried = await retryProvisioningRun({
      ctx: h.staff,
      input: { runId: started.run.id },
      worker: h.worker.queue,
    });
    expect(retried.run.status).toBe("running");
    const done = await h.waitForRun(started.run.id, ["succeeded", "parked"]);
    expect(done.run.status).toBe("succeeded");
    expect(done.steps.find((s) => s.stepId === "custom-domains")).toMatchObject({ status: "succeeded", attempts: 4 });
    const audit = await h.db.owner
      .sql`select action from audit_events where tenant_id = ${started.run.forTenantId} order by seq`;
    expect(audit.map((a) => a.action)).toContain("provisioning.retry");
    await expect(
      retryProvisioningRun({ ctx: h.staff, input: { runId: started.run.id }, worker: h.worker.queue }),
    ).rejects.toMatchObject({ code: "precondition_failed" });
  });

  it("parks at once on an error no retry can fix", async () => {
    const slug = uniqueSlug("permanent");
    let runId = "";
    await h.worker.stop();
    await h.startWorker({
      hooks: {
        afterEffect({ runId: id, stepId, label }) {
          if (id === runId && stepId === "initial-theme" && label === "done") {
            throw new PermanentStepError("the preset cannot be published");
          }
        },
      },
    });
    try {
      const started = await startOnboarding({ ctx: h.staff, input: onboardingInput(slug), worker: h.worker.queue });
      runId = started.run.id;
      const parked = await h.waitForRun(started.run.id, ["parked", "succeeded"]);
      expect(parked.run.status).toBe("parked");
      expect(parked.steps.find((s) => s.stepId === "initial-theme")).toMatchObject({ status: "failed", attempts: 1 });
      expect(parked.run.lastError).toContain("the preset cannot be published");
    } finally {
      await h.worker.stop();
      await h.startWorker();
    }
  });

  it("cancelling compensates every step that ran, newest first", async () => {
    const slug = uniqueSlug("cancel");
    const hostname = `music.${slug}.example.com`;
    await h.worker.stop();
    let runId = "";
    // Staff cancel while the owner invitation is being sent: the step finishes, then the undo starts.
    await h.startWorker({
      hooks: {
        async afterEffect({ runId: id, stepId, label }) {
          if (id === runId && stepId === "owner-invitation" && label === "done") {
            await cancelProvisioningRun({ ctx: h.staff, input: { runId }, worker: h.worker.queue });
          }
        },
      },
    });
    const started = await startOnboarding({ ctx: h.staff, input: onboardingInput(slug), worker: h.worker.queue });
    runId = started.run.id;
    const tenantId = started.run.forTenantId as string;
    const done = await h.waitForRun(runId, ["cancelled", "parked"]);
    expect(done.run.status).toBe("cancelled");
    expect(done.steps.map((s) => [s.stepId, s.status])).toEqual([
      ["reserve-tenant", "compensated"],
      ["stripe-billing", "compensated"],
      ["initial-theme", "compensated"],
      ["custom-domains", "compensated"],
      ["owner-invitation", "compensated"],
      ["activate", "skipped"],
    ]);
    const [tenant] = await h.db.owner.sql`select status, slug, deleted_at from tenants where id = ${tenantId}`;
    expect(tenant?.status).toBe("deleted");
    expect(tenant?.slug).not.toBe(slug);
    expect(h.vercel.domains.get(hostname)).toBeUndefined();
    const [inv] = await h.db.owner.sql`select status from invitations where tenant_id = ${tenantId}`;
    expect(inv?.status).toBe("revoked");
    // The trial it started at Stripe is over, and the ledger says so.
    const [account] = await h.db.owner
      .sql`select stripe_subscription_id, subscription_status from billing_accounts where tenant_id = ${tenantId}`;
    expect(account?.subscription_status).toBe("canceled");
    expect((await h.stripe.subscriptions.retrieve(account?.stripe_subscription_id)).status).toBe("canceled");
    expect(await h.db.control.sql`select * from resolve_host(${platformHostname(slug)})`).toHaveLength(0);
    const audit = await h.db.owner.sql`select action from audit_events where tenant_id = ${tenantId} order by seq`;
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["provisioning.cancel", "domain.remove", "invitation.revoke", "tenant.delete"]),
    );
    // The slug is free again for a fresh attempt.
    const again = await startOnboarding({
      ctx: h.staff,
      input: onboardingInput(slug, { customDomains: [] }),
      worker: h.worker.queue,
    });
    await expect(
      cancelProvisioningRun({ ctx: h.staff, input: { runId }, worker: h.worker.queue }),
    ).resolves.toMatchObject({ run: { status: "cancelled" } });
    await h.waitForRun(again.run.id, ["succeeded"]);
    await expect(
      cancelProvisioningRun({ ctx: h.staff, input: { runId: again.run.id }, worker: h.worker.queue }),
    ).rejects.toMatchObject({ code: "precondition_failed" });
    await h.worker.stop();
    await h.startWorker();
  });

  it("delivers the invitation e-mail after a transient vendor failure, and gives up on a permanent one", async () => {
    const outboxOf = async (runId: string) => {
      const key = `${runId}:owner-invitation`;
      const [row] = await h.db.owner
        .sql`select status, attempts, last_error, provider_id from email_outbox where idempotency_key = ${key}`;
      return row;
    };
    h.resend.failNext({ path: "/emails", method: "POST", status: 500 });
    const flaky = uniqueSlug("mail-flaky");
    const first = await startOnboarding({
      ctx: h.staff,
      input: onboardingInput(flaky, { customDomains: [] }),
      worker: h.worker.queue,
    });
    await h.waitForRun(first.run.id, ["succeeded"]);
    await expect
      .poll(async () => {
        await h.expediteRetries();
        return (await outboxOf(first.run.id))?.status;
      })
      .toBe("sent");
    expect(await outboxOf(first.run.id)).toMatchObject({ attempts: 2, last_error: null });
    expect(h.resend.store.find({ to: `owner@${flaky}.example` })).toHaveLength(1);

    h.resend.failNext({ path: "/emails", method: "POST", status: 422 });
    const refused = uniqueSlug("mail-refused");
    const second = await startOnboarding({
      ctx: h.staff,
      input: onboardingInput(refused, { customDomains: [] }),
      worker: h.worker.queue,
    });
    await h.waitForRun(second.run.id, ["succeeded"]);
    await expect.poll(async () => (await outboxOf(second.run.id))?.status).toBe("failed");
    expect((await outboxOf(second.run.id))?.last_error).toMatch(
      /^MailDeliveryError: Resend did not accept the email \(422/,
    );
    expect(h.resend.store.find({ to: `owner@${refused}.example` })).toHaveLength(0);
  });
});
