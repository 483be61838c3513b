import type { Stripe } from "@mw/core/adapters/stripe";
import { emitAudit } from "@mw/core/audit";
import { applyStripeSubscription, isLiveStatus, SUBSCRIPTION_EXPAND } from "@mw/core/billing";
import { withTenant } from "@mw/core/db";
import { PLANS, planProductId } from "@mw/core/plans";
import { billingAccounts } from "@mw/core/schema";
import { eq } from "drizzle-orm";
import { PermanentStepError } from "../engine/errors";
import type { StepContext } from "../engine/types";
import type { OnboardRunInput } from "../workflows/inputs";
import { findTenant, getTenantOrThrow, PROVISIONING_ACTOR } from "./verb-context";

/**
 * The tenant's Stripe customer (metadata tenantId) and, for a paid plan, its subscription — with
 * the plan's trial, or for Enterprise the negotiated price collected as staff chose (card, or
 * invoices due within N days). Every POST carries a key derived from run + step + what it creates,
 * so a re-run after a crash gets Stripe's first answer back instead of a second customer; the
 * customer id is recorded before the subscription is asked for, so a re-run a day later (keys
 * pruned) finds it in our ledger. The subscription is copied onto the tenant the way the webhook
 * will copy it again (idempotently).
 */
export const id = "stripe-billing";

export function stripeOf(ctx: StepContext<unknown>): Stripe {
  const stripe = ctx.clients.stripe;
  if (!stripe) throw new PermanentStepError("Stripe is not configured, so the billing account cannot be created.");
  return stripe;
}

async function account(ctx: StepContext<unknown>, tenantId: string) {
  const [row] = await withTenant(ctx.database, tenantId, (tx) =>
    tx.select().from(billingAccounts).where(eq(billingAccounts.tenantId, tenantId)),
  );
  return row ?? null;
}

const audit = (ctx: StepContext<unknown>) => ({ actor: PROVISIONING_ACTOR, requestId: ctx.idempotencyKey });

async function ensureCustomer(ctx: StepContext<OnboardRunInput>, stripe: Stripe): Promise<string> {
  const { tenantId, name, ownerEmail } = ctx.input;
  const existing = await account(ctx, tenantId);
  if (existing?.stripeCustomerId) return existing.stripeCustomerId;
  const customer = await stripe.customers.create(
    { name, email: ownerEmail, metadata: { tenantId } },
    { idempotencyKey: `${ctx.idempotencyKey}:customer` },
  );
  await ctx.checkpoint("customer-created");
  await withTenant(ctx.database, tenantId, async (tx) => {
    await tx
      .insert(billingAccounts)
      .values({ tenantId, stripeCustomerId: customer.id })
      .onConflictDoUpdate({
        target: billingAccounts.tenantId,
        set: { stripeCustomerId: customer.id, updatedAt: new Date() },
      });
    await emitAudit(tx, audit(ctx), {
      action: "billing.customer.create",
      target: { type: "stripe_customer", id: customer.id },
      after: { stripeCustomerId: customer.id },
    });
  });
  await ctx.checkpoint("customer-recorded");
  return customer.id;
}

/** The price the plan's subscription item bills: the catalog's monthly price, or the deal's own. */
async function planPrice(ctx: StepContext<OnboardRunInput>, stripe: Stripe): Promise<string> {
  const { plan, billing } = ctx.input;
  if (plan === "enterprise") {
    if (!billing) throw new PermanentStepError("Enterprise needs the negotiated price.");
    const price = await stripe.prices.create(
      {
        product: planProductId("enterprise"),
        currency: "usd",
        unit_amount: billing.priceCents,
        recurring: { interval: billing.interval },
        nickname: `${ctx.input.name} (${ctx.input.tenantId})`,
        metadata: { tenantId: ctx.input.tenantId },
      },
      { idempotencyKey: `${ctx.idempotencyKey}:price` },
    );
    return price.id;
  }
  const lookupKey = PLANS[plan].lookupKey;
  const found = await stripe.prices.list({ lookup_keys: [lookupKey], active: true, limit: 1 });
  const price = found.data[0];
  if (!price) throw new PermanentStepError(`Stripe has no price "${lookupKey}": run \`npm run billing:sync\`.`);
  return price.id;
}

export async function run(ctx: StepContext<OnboardRunInput>) {
  const stripe = stripeOf(ctx);
  const { tenantId, plan, billing } = ctx.input;
  await getTenantOrThrow(ctx.database, tenantId);
  const customerId = await ensureCustomer(ctx, stripe);
  if (plan === "free") return { customerId, subscriptionId: null };
  const recorded = await account(ctx, tenantId);
  if (recorded?.stripeSubscriptionId) {
    return { customerId, subscriptionId: recorded.stripeSubscriptionId, status: recorded.subscriptionStatus };
  }
  const price = await planPrice(ctx, stripe);
  const trialDays = PLANS[plan].trialDays;
  const sendInvoice = billing?.collectionMethod === "send_invoice";
  const created = await stripe.subscriptions.create(
    {
      customer: customerId,
      items: [{ price, quantity: 1 }],
      ...(trialDays > 0 ? { trial_period_days: trialDays } : {}),
      ...(sendInvoice ? { collection_method: "send_invoice", days_until_due: billing.daysUntilDue ?? 30 } : {}),
      metadata: { tenantId },
    },
    { idempotencyKey: `${ctx.idempotencyKey}:subscription` },
  );
  await ctx.checkpoint("subscription-created");
  const subscription = await stripe.subscriptions.retrieve(created.id, { expand: SUBSCRIPTION_EXPAND });
  const applied = await withTenant(ctx.database, tenantId, (tx) =>
    applyStripeSubscription(tx, tenantId, subscription, { audit: audit(ctx) }),
  );
  return { customerId, subscriptionId: subscription.id, status: subscription.status, result: applied.summary };
}

/** A cancelled onboarding ends the subscription it started (the customer stays, with its history). */
export async function compensate(ctx: StepContext<OnboardRunInput>) {
  if (!(await findTenant(ctx.database, ctx.input.tenantId))) return;
  await cancelTenantSubscription(ctx, ctx.input.tenantId);
}

/** Cancels the tenant's live subscription at Stripe now and copies the result onto the tenant. */
export async function cancelTenantSubscription(ctx: StepContext<unknown>, tenantId: string) {
  const row = await account(ctx, tenantId);
  if (!row?.stripeSubscriptionId) return { canceled: null };
  const stripe = stripeOf(ctx);
  let subscription = await stripe.subscriptions.retrieve(row.stripeSubscriptionId);
  if (isLiveStatus(subscription.status)) {
    // DELETE carries no idempotency key; cancelling a canceled subscription is refused, so re-runs
    // look first (above) and skip it.
    subscription = await stripe.subscriptions.cancel(row.stripeSubscriptionId, { prorate: false });
    await ctx.checkpoint("subscription-canceled");
  }
  const full = await stripe.subscriptions.retrieve(subscription.id, { expand: SUBSCRIPTION_EXPAND });
  const applied = await withTenant(ctx.database, tenantId, (tx) =>
    applyStripeSubscription(tx, tenantId, full, { audit: audit(ctx) }),
  );
  return { canceled: subscription.id, status: full.status, result: applied.summary };
}
