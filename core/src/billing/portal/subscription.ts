import type { Stripe } from "../../adapters/stripe";
import type { AuditEventInput } from "../../audit/emit";
import { emitAudit } from "../../audit/emit";
import type { TenantCtx } from "../../context";
import { readTenant } from "../../db/client";
import { PreconditionFailedError } from "../../errors";
import { auditCtx, tenantTx } from "../../tenancy";
import { applyStripeSubscription } from "../subscription-sync";
import { type BillingLedger, hasLiveSubscription, readBillingLedger } from "./ledger";
import type { CurrentItem } from "./plan-state";
import { atStripe } from "./stripe-errors";

/** The ledger of a tenant whose subscription can be changed, with Stripe's current subscription. */
export interface LiveSubscription {
  ledger: BillingLedger;
  customerId: string;
  subscription: Stripe.Subscription;
  items: CurrentItem[];
}

/**
 * The tenant's subscription, fetched fresh from Stripe (the ledger may lag a webhook behind; a
 * change is computed from what Stripe holds now). Refused for a tenant without one: Free upgrades
 * through Checkout.
 */
export async function liveSubscription(ctx: TenantCtx, stripe: Stripe): Promise<LiveSubscription> {
  const tenantId = ctx.tenant.id;
  const ledger = await readTenant(ctx.database, tenantId, (tx) => readBillingLedger(tx, tenantId));
  if (!hasLiveSubscription(ledger.account)) {
    throw new PreconditionFailedError(
      "This organization has no active subscription. Choose a plan to upgrade through checkout.",
    );
  }
  const subscription = await atStripe(() =>
    stripe.subscriptions.retrieve(ledger.account?.stripeSubscriptionId as string),
  );
  if (subscription.status === "canceled" || subscription.status === "incomplete_expired") {
    throw new PreconditionFailedError("This subscription has ended. Choose a plan to subscribe again.");
  }
  return {
    ledger,
    customerId: ledger.account?.stripeCustomerId as string,
    subscription,
    items: currentItems(subscription),
  };
}

export function currentItems(subscription: Stripe.Subscription): CurrentItem[] {
  return subscription.items.data.map((item) => ({
    id: item.id,
    lookupKey: item.price.lookup_key ?? null,
    quantity: item.quantity ?? 1,
  }));
}

/**
 * After Stripe accepted a change: the audit event, in one transaction with copying the returned
 * subscription onto the tenant (so the console shows it at once; the webhook that follows
 * re-applies the same state idempotently).
 */
export async function recordSubscriptionChange(
  ctx: TenantCtx,
  subscription: Stripe.Subscription,
  event: AuditEventInput,
): Promise<void> {
  await tenantTx(ctx, async (tx) => {
    await applyStripeSubscription(tx, ctx.tenant.id, subscription, { audit: auditCtx(ctx) });
    await emitAudit(tx, auditCtx(ctx), event);
  });
}
