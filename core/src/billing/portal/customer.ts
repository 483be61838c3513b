import { eq, sql } from "drizzle-orm";
import type { Stripe } from "../../adapters/stripe";
import { emitAudit } from "../../audit/emit";
import type { TenantCtx } from "../../context";
import { readTenant } from "../../db/client";
import { billingAccounts, tenants } from "../../db/schema/index";
import { auditCtx, tenantTx } from "../../tenancy";
import { atStripe } from "./stripe-errors";

/**
 * The tenant's Stripe customer, created when it has none (tenants made before billing existed, or
 * whose provisioning step has not run). The idempotency key names the tenant and nothing else, so
 * two requests racing here get the same customer from Stripe; the row keeps the first one stored.
 * Called by verbs that checked `billing.manage` already.
 */
export async function ensureStripeCustomer(ctx: TenantCtx, stripe: Stripe): Promise<string> {
  const tenantId = ctx.tenant.id;
  const known = await readTenant(ctx.database, tenantId, async (tx) => {
    const [account] = await tx
      .select({ customerId: billingAccounts.stripeCustomerId })
      .from(billingAccounts)
      .where(eq(billingAccounts.tenantId, tenantId));
    const [tenant] = await tx.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, tenantId));
    return { customerId: account?.customerId ?? null, name: tenant?.name ?? ctx.tenant.slug };
  });
  if (known.customerId) return known.customerId;

  const customer = await atStripe(() =>
    stripe.customers.create(
      { name: known.name, metadata: { tenantId, tenantSlug: ctx.tenant.slug } },
      { idempotencyKey: `tenant:${tenantId}:customer` },
    ),
  );
  return tenantTx(ctx, async (tx) => {
    const [row] = await tx
      .insert(billingAccounts)
      .values({ tenantId, stripeCustomerId: customer.id })
      .onConflictDoUpdate({
        target: billingAccounts.tenantId,
        set: {
          stripeCustomerId: sql`coalesce(${billingAccounts.stripeCustomerId}, excluded.stripe_customer_id)`,
          updatedAt: new Date(),
        },
      })
      .returning({ customerId: billingAccounts.stripeCustomerId });
    const stored = row?.customerId ?? customer.id;
    if (stored === customer.id) {
      await emitAudit(tx, auditCtx(ctx), {
        action: "billing.customer_create",
        target: { type: "billing_account", id: tenantId },
        after: { stripeCustomerId: customer.id },
      });
    }
    return stored;
  });
}
