import type { Stripe } from "@mw/core/adapters/stripe";
import type { AuditCtx } from "@mw/core/audit";
import { syncCustomer, upsertInvoice } from "@mw/core/billing";
import { type Database, schema, withTenant } from "@mw/core/db";
import { newId } from "@mw/core/ids";
import { PLANS } from "@mw/core/plans";
import { and, eq, inArray } from "drizzle-orm";
import { DEMO_TENANTS } from "./demo-seed";

/**
 * Gives the demo tenants their Stripe side, so the billing console, the staff billing panel and
 * the revenue page have something true to show after `npm start`: a customer for each, with the
 * test card `pm_card_visa` as its payment method, and for the paid plans a subscription — Pro
 * paid and active (its first invoice paid), Business in its trial. Runs only against the local
 * Stripe emulator (a real account never gets demo customers) and only for tenants whose billing
 * account has no customer yet, so a restart changes nothing. What it writes comes from the same
 * fetch-and-apply path the webhooks use (`syncCustomer`), audited as the demo seed.
 */
export async function seedDemoBilling(
  database: Database,
  stripe: Stripe,
  log: (line: string) => void = () => {},
): Promise<void> {
  const rows = await database.db
    .select({ id: schema.tenants.id, slug: schema.tenants.slug, name: schema.tenants.name, plan: schema.tenants.plan })
    .from(schema.tenants)
    .where(
      inArray(
        schema.tenants.slug,
        DEMO_TENANTS.map((d) => d.slug),
      ),
    );
  for (const tenant of rows) {
    const demo = DEMO_TENANTS.find((d) => d.slug === tenant.slug);
    if (!demo) continue;
    const [account] = await withTenant(database, tenant.id, (tx) =>
      tx
        .select({ customer: schema.billingAccounts.stripeCustomerId })
        .from(schema.billingAccounts)
        .where(eq(schema.billingAccounts.tenantId, tenant.id)),
    );
    if (account?.customer) continue;

    const key = `demo-seed:${tenant.id}`;
    const customer = await stripe.customers.create(
      {
        name: tenant.name,
        email: `owner@${tenant.slug}.example`,
        metadata: { tenantId: tenant.id },
        payment_method: "pm_card_visa",
      },
      { idempotencyKey: `${key}:customer` },
    );
    // As at Stripe: the test token attaches a new card, which then becomes the invoices' default.
    const [card] = (await stripe.paymentMethods.list({ customer: customer.id, type: "card", limit: 1 })).data;
    if (!card) throw new Error(`Stripe attached no card to ${customer.id}`);
    await stripe.customers.update(
      customer.id,
      { invoice_settings: { default_payment_method: card.id } },
      { idempotencyKey: `${key}:default-card` },
    );
    let subscription: Stripe.Subscription | null = null;
    if (demo.plan !== "free") {
      const plan = PLANS[demo.plan];
      const prices = await stripe.prices.list({ lookup_keys: [plan.lookupKey], active: true, limit: 1 });
      const price = prices.data[0];
      if (!price) throw new Error(`Stripe has no price "${plan.lookupKey}": the catalog sync did not run`);
      const seats = plan.perSeat ? await activeMembers(database, tenant.id) : 1;
      subscription = await stripe.subscriptions.create(
        {
          customer: customer.id,
          items: [{ price: price.id, quantity: seats }],
          // Business shows a trial in progress; Pro a paid, active subscription with an invoice.
          ...(demo.plan === "business" ? { trial_period_days: plan.trialDays } : {}),
          metadata: { tenantId: tenant.id },
        },
        { idempotencyKey: `${key}:subscription` },
      );
    }
    const audit: AuditCtx = { actor: { type: "system", process: "demo-seed" }, requestId: newId("request") };
    const invoices = subscription
      ? (await stripe.invoices.list({ customer: customer.id, limit: 10 })).data.filter((i) => i.id)
      : [];
    await withTenant(database, tenant.id, async (tx) => {
      await tx
        .insert(schema.billingAccounts)
        .values({ tenantId: tenant.id, stripeCustomerId: customer.id })
        .onConflictDoUpdate({
          target: schema.billingAccounts.tenantId,
          set: { stripeCustomerId: customer.id, updatedAt: new Date() },
        });
      if (subscription) {
        await syncCustomer({ tx, tenantId: tenant.id, stripe, audit, now: new Date() }, customer.id);
      }
      for (const invoice of invoices) await upsertInvoice(tx, tenant.id, invoice);
    });
    log(
      `billing for ${tenant.name}: customer ${customer.id}` +
        (subscription ? `, ${demo.plan} subscription ${subscription.id} (${subscription.status})` : ""),
    );
  }
}

async function activeMembers(database: Database, tenantId: string): Promise<number> {
  const rows = await withTenant(database, tenantId, (tx) =>
    tx
      .select({ id: schema.memberships.id })
      .from(schema.memberships)
      .where(and(eq(schema.memberships.tenantId, tenantId), eq(schema.memberships.status, "active"))),
  );
  return Math.max(1, rows.length);
}
