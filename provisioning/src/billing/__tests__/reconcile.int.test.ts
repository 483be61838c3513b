import { reconcileBilling } from "@mw/core/billing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BillingHarness, createBillingHarness, eventsOfCustomer } from "./billing-harness";

/**
 * What converges without webhooks: the periodic reconcile (a webhook that never came), and inbox
 * rows whose processing was cut off (the worker down between the intake and the job).
 */

let h: BillingHarness;

beforeAll(async () => {
  // No endpoint registered: Stripe's events reach nobody unless the test delivers them.
  h = await createBillingHarness();
});

afterAll(async () => {
  await h?.closeAll();
});

const proPrice = async () => (await h.stripe.prices.list({ lookup_keys: ["mw_pro_monthly"], limit: 1 })).data[0]?.id;

async function planOf(tenantId: string) {
  const [row] = await h.db.owner.sql<{ plan: string; status: string | null; subscription: string | null }[]>`
    select t.plan, b.subscription_status as status, b.stripe_subscription_id as subscription
      from tenants t left join billing_accounts b on b.tenant_id = t.id where t.id = ${tenantId}`;
  return row;
}

describe("billing reconcile", () => {
  it("links a subscription whose webhooks never arrived, repairs drift, and changes nothing the second time", async () => {
    const { tenant, customerId } = await h.customerTenant();
    const sub = await h.stripe.subscriptions.create({ customer: customerId, items: [{ price: await proPrice() }] });
    expect(await planOf(tenant.id)).toMatchObject({ plan: "free", subscription: null });

    const first = await reconcileBilling({ database: h.db.control, stripe: h.stripe });
    expect(first.failed).toEqual([]);
    expect(first.repaired).toContainEqual({ tenantId: tenant.id, summary: expect.stringContaining("plan free → pro") });
    expect(await planOf(tenant.id)).toEqual({ plan: "pro", status: "active", subscription: sub.id });
    const invoices = await h.db.owner.sql`select status from billing_invoices where tenant_id = ${tenant.id}`;
    expect(invoices).toEqual([{ status: "paid" }]);

    // Someone edits the tenant by hand: the next reconcile puts Stripe's truth back.
    await h.db.owner.sql`update tenants set plan = 'business', entitlements = '{}'::jsonb where id = ${tenant.id}`;
    const second = await reconcileBilling({ database: h.db.control, stripe: h.stripe });
    expect(second.repaired.map((r) => r.tenantId)).toContain(tenant.id);
    const [fixed] = await h.db.owner
      .sql`select plan, entitlements->'features' as f from tenants where id = ${tenant.id}`;
    expect(fixed).toEqual({ plan: "pro", f: ["events", "custom_domains"] });

    const third = await reconcileBilling({ database: h.db.control, stripe: h.stripe });
    expect(third.repaired.map((r) => r.tenantId)).not.toContain(tenant.id);
    expect(third.invoicesUpdated).toBe(0);
    const syncs = await h.db.owner.sql`
      select actor_id from audit_events where tenant_id = ${tenant.id} and action = 'billing.subscription.sync'`;
    expect(syncs).toEqual([{ actor_id: "billing.reconcile" }, { actor_id: "billing.reconcile" }]);
  });

  it("processes events stored while no worker ran — with their jobs, or with the jobs lost", async () => {
    const { tenant, customerId } = await h.customerTenant();
    await h.stripe.subscriptions.create({ customer: customerId, items: [{ price: await proPrice() }] });
    const events = await eventsOfCustomer(h.stripe, customerId);
    const created = events.find((e) => e.type === "customer.subscription.created");
    const paid = events.find((e) => e.type === "invoice.paid");
    if (!created || !paid) throw new Error("the emulator sent no created/paid events");

    await h.worker.stop();
    // Stored and queued; then the queued job of one of them is lost (as if the intake had run
    // before graphile-worker's schema existed, or the job had been deleted).
    expect(await h.deliver(created)).toBe(200);
    expect(await h.deliver(paid)).toBe(200);
    await h.db.owner.sql`delete from graphile_worker._private_jobs where key = ${`stripe-event:${paid.id}`}`;
    const waiting = await h.db.owner
      .sql`select id from stripe_events where id in (${created.id}, ${paid.id}) and status = 'pending'`;
    expect(waiting).toHaveLength(2);
    expect(await planOf(tenant.id)).toMatchObject({ plan: "free" });

    // A worker comes back: the queued job runs, and its start-up sweep queues the orphaned row.
    await h.startWorker();
    await h.settled({ eventIds: [created.id, paid.id] });
    expect(await planOf(tenant.id)).toMatchObject({ plan: "pro", status: "active" });
    const rows = await h.db.owner.sql<{ status: string; attempts: number }[]>`
      select status, attempts from stripe_events where id in (${created.id}, ${paid.id})`;
    expect(rows).toEqual([
      { status: "processed", attempts: 1 },
      { status: "processed", attempts: 1 },
    ]);
  });
});
