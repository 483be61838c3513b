import type { Stripe } from "@mw/core/adapters/stripe";
import { replayStripeEvent } from "@mw/core/billing";
import { staffCtx } from "@mw/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BillingHarness, createBillingHarness } from "./billing-harness";

/**
 * Webhooks end to end: the emulator signs and delivers (at least once), the intake stores and
 * queues, the worker processes — re-fetching from Stripe — and the tenant follows Stripe.
 */

let h: BillingHarness;

beforeAll(async () => {
  h = await createBillingHarness();
  h.subscribeWebhooks();
});

afterAll(async () => {
  await h?.closeAll();
});

const priceId = async (lookupKey: string) =>
  (await h.stripe.prices.list({ lookup_keys: [lookupKey], limit: 1 })).data[0]?.id as string;

async function tenantState(tenantId: string) {
  const [row] = await h.db.owner.sql<
    {
      plan: string;
      addons: string[];
      features: string[];
      status: string | null;
      customer: string | null;
      subscription: string | null;
      dunning_state: string;
    }[]
  >`
    select t.plan, t.addons, t.entitlements->'features' as features, t.dunning_state,
           b.subscription_status as status, b.stripe_customer_id as customer, b.stripe_subscription_id as subscription
      from tenants t left join billing_accounts b on b.tenant_id = t.id where t.id = ${tenantId}`;
  return row;
}

describe("Stripe webhooks", () => {
  it("brings a subscription bought at Stripe onto the tenant, once, though every event is delivered twice", async () => {
    h.stripeEmulator.webhooks.settings.duplicate = true;
    try {
      // Not linked in the ledger: the customer's metadata (which only we write) names the tenant.
      const { tenant, customerId } = await h.customerTenant({ link: false });
      const sub = await h.stripe.subscriptions.create({
        customer: customerId,
        items: [{ price: await priceId("mw_business_monthly"), quantity: 3 }],
      });
      await h.stripeEmulator.webhooks.idle();
      await h.settled({ tenantId: tenant.id });

      expect(await tenantState(tenant.id)).toMatchObject({
        plan: "business",
        status: "active",
        customer: customerId,
        subscription: sub.id,
        features: expect.arrayContaining(["analytics", "events"]),
      });
      const inbox = await h.db.owner.sql<{ id: string; type: string; status: string; result: string }[]>`
        select id, type, status, result from stripe_events where for_tenant_id = ${tenant.id} order by stripe_created_at, type`;
      // Each event arrived twice and is in the inbox once.
      const copies = h.stripeEmulator.webhooks
        .deliveries()
        .filter((d) => inbox.some((r) => r.id === d.eventId) && d.state === "delivered");
      expect(copies).toHaveLength(inbox.length * 2);
      expect(inbox.map((r) => r.type)).toEqual(
        expect.arrayContaining(["customer.subscription.created", "invoice.paid"]),
      );
      expect(inbox.every((r) => r.status === "processed" || r.status === "ignored")).toBe(true);
      expect(inbox.map((r) => r.result).join("\n")).toContain("plan free → business");
      const [invoice] = await h.db.owner
        .sql`select status, amount_paid_cents from billing_invoices where tenant_id = ${tenant.id}`;
      expect(invoice).toMatchObject({ status: "paid", amount_paid_cents: 2999 * 3 });
      // One audit event for the change, by the webhook event that carried it.
      const audit = await h.db.owner.sql<{ actor_type: string; actor_id: string }[]>`
        select actor_type, actor_id from audit_events where tenant_id = ${tenant.id} and action = 'billing.subscription.sync'`;
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor_type: "webhook", actor_id: expect.stringMatching(/^stripe:evt_/) });
    } finally {
      h.stripeEmulator.webhooks.settings.duplicate = false;
    }
  });

  it("does not reactivate a canceled subscription when an old event is replayed", async () => {
    const { tenant, customerId } = await h.customerTenant();
    const sub = await h.stripe.subscriptions.create({
      customer: customerId,
      items: [{ price: await priceId("mw_pro_monthly") }],
    });
    await h.stripeEmulator.webhooks.idle();
    await h.settled({ tenantId: tenant.id });
    expect(await tenantState(tenant.id)).toMatchObject({ plan: "pro", status: "active" });

    await h.stripe.subscriptions.cancel(sub.id);
    await h.stripeEmulator.webhooks.idle();
    await h.settled({ tenantId: tenant.id });
    expect(await tenantState(tenant.id)).toMatchObject({ plan: "free", status: "canceled", features: [] });

    // The "created" event says active; replayed by staff and redelivered by Stripe, it changes nothing.
    const [created] = await h.db.owner.sql<{ id: string }[]>`
      select id from stripe_events where for_tenant_id = ${tenant.id} and type = 'customer.subscription.created'`;
    const staff = staffCtx(h.db.control, ["billing_ops"]);
    await replayStripeEvent({ ctx: staff, input: { tenantId: tenant.id, eventId: created?.id as string } });
    await h.settled({ eventIds: [created?.id as string] });
    expect(await h.deliver((await h.stripe.events.retrieve(created?.id as string)) as Stripe.Event)).toBe(200);
    await h.settled({ tenantId: tenant.id });
    expect(await tenantState(tenant.id)).toMatchObject({ plan: "free", status: "canceled", features: [] });
    const [row] = await h.db.owner.sql<{ status: string; result: string; attempts: number }[]>`
      select status, result, attempts from stripe_events where id = ${created?.id as string}`;
    expect(row).toMatchObject({ status: "processed", attempts: 2, result: "no change (free, canceled)" });
    const replays = await h.db.owner.sql`
      select actor_type from audit_events where tenant_id = ${tenant.id} and action = 'billing.webhook.replay'`;
    expect(replays).toEqual([{ actor_type: "staff" }]);
  });

  it("refuses a replay without the staff billing permission", async () => {
    const [any] = await h.db.owner.sql<{ id: string; for_tenant_id: string }[]>`
      select id, for_tenant_id from stripe_events where for_tenant_id is not null limit 1`;
    const support = staffCtx(h.db.control, ["support"]);
    await expect(
      replayStripeEvent({
        ctx: support,
        input: { tenantId: any?.for_tenant_id as string, eventId: any?.id as string },
      }),
    ).rejects.toMatchObject({ code: "forbidden" });
  });

  it("takes a trial to active when the trial ends (test clock), with the reminder before", async () => {
    const clock = await h.stripe.testHelpers.testClocks.create({ frozen_time: Math.floor(Date.now() / 1000) });
    const { tenant, customerId } = await h.customerTenant({ testClock: clock.id });
    await h.stripe.subscriptions.create({
      customer: customerId,
      items: [{ price: await priceId("mw_pro_monthly") }],
      trial_period_days: 14,
    });
    await h.stripeEmulator.webhooks.idle();
    await h.settled({ tenantId: tenant.id });
    expect(await tenantState(tenant.id)).toMatchObject({ plan: "pro", status: "trialing" });

    await h.stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: clock.frozen_time + 15 * 86400 });
    for (let i = 0; i < 100; i++) {
      if ((await h.stripe.testHelpers.testClocks.retrieve(clock.id)).status === "ready") break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await h.stripeEmulator.webhooks.idle();
    await h.settled({ tenantId: tenant.id });
    expect(await tenantState(tenant.id)).toMatchObject({ plan: "pro", status: "active", dunning_state: "ok" });
    const types = await h.db.owner.sql<{ type: string; result: string }[]>`
      select type, result from stripe_events where for_tenant_id = ${tenant.id} order by stripe_created_at`;
    expect(types.map((t) => t.type)).toEqual(
      expect.arrayContaining(["customer.subscription.trial_will_end", "invoice.paid"]),
    );
    const paid = await h.db.owner
      .sql`select status from billing_invoices where tenant_id = ${tenant.id} and status = 'paid' and total_cents > 0`;
    expect(paid).toHaveLength(1);
  });

  it("moves a failed renewal to past due and restores the tenant once the invoice is paid", async () => {
    const clock = await h.stripe.testHelpers.testClocks.create({ frozen_time: Math.floor(Date.now() / 1000) });
    const { tenant, customerId } = await h.customerTenant({ testClock: clock.id, card: "pm_card_visa" });
    await h.stripe.subscriptions.create({ customer: customerId, items: [{ price: await priceId("mw_pro_monthly") }] });
    await h.stripeEmulator.webhooks.idle();
    await h.settled({ tenantId: tenant.id });
    // The card starts failing; the renewal a month later is declined.
    await fetch(`${h.stripeEmulator.url}/_emulator/customers/${customerId}/card`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ card: "4000000000000341" }),
    });
    await h.stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: clock.frozen_time + 32 * 86400 });
    for (let i = 0; i < 100; i++) {
      if ((await h.stripe.testHelpers.testClocks.retrieve(clock.id)).status === "ready") break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await h.stripeEmulator.webhooks.idle();
    await h.settled({ tenantId: tenant.id });
    expect(await tenantState(tenant.id)).toMatchObject({ plan: "pro", status: "past_due", dunning_state: "past_due" });

    const [open] = await h.db.owner.sql<{ id: string }[]>`
      select id from billing_invoices where tenant_id = ${tenant.id} and status = 'open'`;
    const pm = await h.stripe.paymentMethods.attach("pm_card_visa", { customer: customerId });
    await h.stripe.invoices.pay(open?.id as string, { payment_method: pm.id });
    await h.stripeEmulator.webhooks.idle();
    await h.settled({ tenantId: tenant.id });
    expect(await tenantState(tenant.id)).toMatchObject({ plan: "pro", status: "active", dunning_state: "ok" });
  });
});
