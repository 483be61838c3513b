import { eq } from "drizzle-orm";
import type { Stripe } from "../../adapters/stripe";
import type { AuditCtx } from "../../audit/emit";
import type { TenantTx } from "../../db/client";
import { tenants } from "../../db/schema/index";
import { pickCurrentSubscription } from "../subscription-state";
import { type ApplyResult, applyStripeSubscription } from "../subscription-sync";

/** What the subscription fetch expands: the payment method shown in the console, and the coupons (a comp, a discount) that MRR is net of. */
export const SUBSCRIPTION_EXPAND = ["default_payment_method", "discounts.source.coupon"];

/**
 * Locks the tenant row for the rest of the transaction. Taken BEFORE anything is fetched from
 * Stripe, so that of two workers processing events of one tenant the one that fetches later also
 * writes later: the last write is always the freshest state, whatever order the events came in.
 */
export async function lockTenant(tx: TenantTx, tenantId: string): Promise<void> {
  await tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.id, tenantId)).for("update");
}

/** The customer's current subscription at Stripe, freshly fetched and expanded; null when it has none. */
export async function fetchCurrentSubscription(
  stripe: Stripe,
  customerId: string,
): Promise<{ subscription: Stripe.Subscription; customerPaymentMethod: Stripe.PaymentMethod | string | null } | null> {
  const list = await stripe.subscriptions.list({ customer: customerId, status: "all", limit: 100 });
  const current = pickCurrentSubscription(list.data);
  if (!current) return null;
  const subscription = await stripe.subscriptions.retrieve(current.id, { expand: SUBSCRIPTION_EXPAND });
  let customerPaymentMethod: Stripe.PaymentMethod | string | null = null;
  if (!subscription.default_payment_method) {
    const customer = await stripe.customers.retrieve(customerId, {
      expand: ["invoice_settings.default_payment_method"],
    });
    if (!customer.deleted) customerPaymentMethod = customer.invoice_settings?.default_payment_method ?? null;
  }
  return { subscription, customerPaymentMethod };
}

export type CustomerSync = { kind: "applied"; result: ApplyResult } | { kind: "none"; summary: string };

/**
 * Brings the tenant in line with its customer's current subscription at Stripe — whichever event
 * asked. Every subscription event converges on the same answer, so duplicates, reordering and
 * replays cannot leave a stale state behind.
 */
export async function syncCustomer(
  ctx: { tx: TenantTx; tenantId: string; stripe: Stripe; audit: AuditCtx; now: Date },
  customerId: string,
): Promise<CustomerSync> {
  await lockTenant(ctx.tx, ctx.tenantId);
  const current = await fetchCurrentSubscription(ctx.stripe, customerId);
  if (!current) return { kind: "none", summary: `customer ${customerId} has no subscription` };
  const result = await applyStripeSubscription(ctx.tx, ctx.tenantId, current.subscription, {
    audit: ctx.audit,
    now: ctx.now,
    customerPaymentMethod: current.customerPaymentMethod,
  });
  return { kind: "applied", result };
}

/** The sync's outcome in words, saying when the event's own subscription is not the current one. */
export function describeSync(sync: CustomerSync, eventSubscriptionId: string | null): string {
  if (sync.kind === "none") return sync.summary;
  const { result } = sync;
  const current = result.state.subscriptionId;
  if (eventSubscriptionId && eventSubscriptionId !== current) {
    return `stale: ${eventSubscriptionId} is not the current subscription; synced ${current} (${result.state.status}): ${result.summary}`;
  }
  return result.summary;
}
