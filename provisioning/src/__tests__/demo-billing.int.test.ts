import { createStripeClient, type Stripe } from "@mw/core/adapters/stripe";
import { syncCatalog } from "@mw/core/billing/catalog-sync";
import { createTestDatabase, type TestDatabase } from "@mw/core/testing";
import { type StripeEmulator, startStripeEmulator } from "@mw/emulators/stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoBilling } from "../demo-billing";
import { seedDemo } from "../demo-seed";

const KEY = "sk_test_demo_billing";
let db: TestDatabase;
let emulator: StripeEmulator;
let stripe: Stripe;

beforeAll(async () => {
  [db, emulator] = await Promise.all([createTestDatabase(), startStripeEmulator({ apiKey: KEY })]);
  stripe = createStripeClient({ secretKey: KEY, apiUrl: emulator.url, maxNetworkRetries: 0 });
  await syncCatalog(stripe);
  await seedDemo(db.control);
});
afterAll(async () => {
  await emulator.stop();
  await db.drop();
});

async function accounts() {
  return db.owner.sql<
    { slug: string; plan: string; customer: string | null; status: string | null; seats: number | null; mrr: number }[]
  >`select t.slug, t.plan, b.stripe_customer_id as customer, b.subscription_status as status, b.seats,
           b.mrr_cents as mrr
      from tenants t left join billing_accounts b on b.tenant_id = t.id order by t.slug`;
}

describe("demo billing seed", () => {
  it("gives each demo tenant a customer, Pro a paid subscription and Business a per-seat trial, once", async () => {
    const lines: string[] = [];
    await seedDemoBilling(db.control, stripe, (l) => lines.push(l));
    const rows = await accounts();
    const by = Object.fromEntries(rows.map((r) => [r.slug, r]));
    expect(by["aurora-records"]).toMatchObject({ plan: "pro", status: "active", seats: 1, mrr: 999 });
    expect(by["forest-fm"]).toMatchObject({ plan: "business", status: "trialing", seats: 3 });
    expect(by["sunset-sounds"]).toMatchObject({ plan: "free", status: null });
    for (const r of rows) expect(r.customer).toMatch(/^cus_/);

    // Pro's first invoice is paid and in the ledger, with the hosted page to open.
    const invoices = await db.owner.sql<{ status: string; total: number; url: string | null }[]>`
      select i.status, i.total_cents as total, i.hosted_invoice_url as url
        from billing_invoices i join tenants t on t.id = i.tenant_id where t.slug = 'aurora-records'`;
    expect(invoices).toEqual([expect.objectContaining({ status: "paid", total: 999 })]);
    expect(invoices[0]?.url).toMatch(/^http/);
    // Stripe has exactly what the ledger says: one customer per tenant.
    const customers = await stripe.customers.list({ limit: 100 });
    expect(customers.data.map((c) => c.metadata.tenantId).sort()).toHaveLength(3);
    expect(lines).toHaveLength(3);

    // A restart finds the customers recorded and changes nothing, at Stripe or here.
    await seedDemoBilling(db.control, stripe);
    expect(await accounts()).toEqual(rows);
    expect((await stripe.customers.list({ limit: 100 })).data).toHaveLength(3);
    expect((await stripe.subscriptions.list({ status: "all", limit: 100 })).data).toHaveLength(2);
  });
});
