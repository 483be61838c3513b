import { createResendMailer } from "@mw/core/adapters/resend";
import { createStripeClient, type Stripe } from "@mw/core/adapters/stripe";
import { onPaymentFailed } from "@mw/core/billing/dunning";
import { withTenant } from "@mw/core/db";
import { createEvent } from "@mw/core/product";
import { billingAccounts } from "@mw/core/schema";
import { asUser, createTenantFixture } from "@mw/core/testing";
import type { StripeEmulator } from "@mw/emulators/stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DUNNING_TASK, USAGE_REPORT_TASK } from "../jobs/billing";
import { type ProvisioningWorker, startWorker } from "../worker";
import { createHarness, type Harness, RESEND_KEY, STRIPE_KEY, until } from "./harness";

/** The worker's billing jobs, run by graphile-worker as the crontab would (added by hand here). */
let h: Harness;
let emulator: StripeEmulator;
let stripe: Stripe;
let worker: ProvisioningWorker;

beforeAll(async () => {
  // The harness's emulator (its catalog synced): the harness's own worker runs the same jobs
  // against it, so whichever worker takes a job, it reaches this Stripe.
  h = await createHarness();
  emulator = h.stripeEmulator;
  stripe = createStripeClient({ secretKey: STRIPE_KEY, apiUrl: emulator.url, maxNetworkRetries: 0 });
  worker = await startWorker({
    ownerUrl: h.db.ownerUrl,
    control: h.db.control,
    clients: { mailer: createResendMailer({ apiKey: RESEND_KEY, baseUrl: h.resend.url }), stripe },
    concurrency: 2,
    pollInterval: 100,
    cron: false,
    log: () => {},
  });
});
afterAll(async () => {
  await worker.stop();
  await h.close();
});

describe("billing jobs in the provisioning worker", () => {
  it("dunning: a tenant whose grace ended is restricted and its billing contacts get the branded mail", async () => {
    const f = await createTenantFixture(h.db, { plan: "pro", name: "Lapsed Records" });
    const longAgo = new Date(Date.now() - 10 * 86_400_000);
    const invoice = { id: "in_job", amount_due: 999, currency: "usd", attempt_count: 1 };
    await withTenant(h.db.control, f.tenant.id, (tx) => onPaymentFailed(tx, f.tenant.id, invoice, longAgo));

    await worker.utils.addJob(DUNNING_TASK, {}, { jobKey: DUNNING_TASK });
    await until(async () => {
      const [row] = await h.db.owner.sql`select dunning_state from tenants where id = ${f.tenant.id}`;
      return row?.dunning_state === "restricted";
    });
    const owner = `owner@${f.tenant.slug}.test`;
    await until(() =>
      h.resend.store
        .find({ to: owner })
        .some((m) => m.body.subject === "Paid features of Lapsed Records are switched off"),
    );
    const failedMail = h.resend.store
      .find({ to: owner })
      .find((m) => m.body.subject === "Payment failed for Lapsed Records");
    expect(failedMail?.body.html).toContain("$9.99");
  });

  it("usage: published events reach Stripe's meter as one event with the report's identifier", async () => {
    const f = await createTenantFixture(h.db, { plan: "pro" });
    const customer = await stripe.customers.create({ email: `owner@${f.tenant.slug}.test` });
    await withTenant(h.db.control, f.tenant.id, (tx) =>
      tx.insert(billingAccounts).values({ tenantId: f.tenant.id, stripeCustomerId: customer.id }),
    );
    const ctx = await asUser(h.db, f.tenant, f.owner.userId, h.db.runtime);
    const entitlements = (await h.db.owner.sql`select entitlements from tenants where id = ${f.tenant.id}`)[0]
      ?.entitlements;
    for (const title of ["One", "Two"]) {
      await createEvent({
        ctx: { ...ctx, entitlements, signals: { dunning: "ok" } },
        input: { title, startsAt: new Date(Date.now() + 86_400_000).toISOString() },
      });
    }
    await worker.utils.addJob(USAGE_REPORT_TASK, {}, { jobKey: USAGE_REPORT_TASK });
    await until(async () => {
      const rows = await h.db.owner.sql`select status from usage_reports where tenant_id = ${f.tenant.id}`;
      return rows.length === 1 && rows[0]?.status === "sent";
    });
    const [report] = await h.db.owner.sql<{ id: string; quantity: number }[]>`
      select id, quantity from usage_reports where tenant_id = ${f.tenant.id}`;
    expect(report?.quantity).toBe(2);
    const sent = emulator.requests.filter((r) => r.path === "/v1/billing/meter_events" && r.status === 200);
    expect(sent.map((r) => r.params)).toContainEqual(
      expect.objectContaining({
        event_name: "mw_events_published",
        identifier: report?.id,
        payload: { stripe_customer_id: customer.id, value: "2" },
      }),
    );
  });
});
