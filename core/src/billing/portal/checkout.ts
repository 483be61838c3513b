import { z } from "zod";
import { emitAudit } from "../../audit/emit";
import { assertCan } from "../../authz/ability";
import type { TenantCtx } from "../../context";
import { readTenant } from "../../db/client";
import { PreconditionFailedError } from "../../errors";
import { lookupKeyFor, PLANS } from "../../plans/catalog";
import { assertTenantWritable, auditCtx, tenantTx } from "../../tenancy";
import { parseInput } from "../../validation";
import { ensureStripeCustomer } from "./customer";
import { type BillingDeps, idempotencyKey, type ReturnUrl } from "./deps";
import { hasLiveSubscription, readBillingLedger } from "./ledger";
import { planQuantity, SELF_SERVE_PLANS } from "./plan-state";
import { priceIdsFor } from "./prices";
import { atStripe } from "./stripe-errors";

export const StartCheckoutInput = z
  .object({
    plan: z.enum(SELF_SERVE_PLANS, { error: "choose Pro or Business" }),
    interval: z.enum(["month", "year"], { error: "choose monthly or yearly billing" }).default("month"),
  })
  .strict();

/**
 * Upgrade from Free: a Stripe Checkout Session for the plan's price (monthly or yearly, by lookup
 * key), with the catalog's trial unless the tenant had one before. Returns the hosted page's URL to
 * send the browser to. Nothing changes here until Stripe says the checkout completed: the webhook
 * (`checkout.session.completed` → the subscription, re-fetched) moves the tenant to the plan.
 */
export async function startCheckout({
  ctx,
  input,
  stripe,
  returnUrl,
}: { ctx: TenantCtx; input: z.input<typeof StartCheckoutInput> } & BillingDeps & ReturnUrl): Promise<{
  url: string;
  sessionId: string;
}> {
  assertCan(ctx.ability, "billing.manage");
  const { plan, interval } = parseInput(StartCheckoutInput, input);
  assertTenantWritable(ctx);
  const tenantId = ctx.tenant.id;
  const ledger = await readTenant(ctx.database, tenantId, (tx) => readBillingLedger(tx, tenantId));
  if (hasLiveSubscription(ledger.account) || ledger.plan !== "free") {
    throw new PreconditionFailedError(
      `This organization is on the ${PLANS[ledger.plan].name} plan already; change the plan instead of checking out again.`,
    );
  }
  const customer = await ensureStripeCustomer(ctx, stripe);
  const key = lookupKeyFor({ plan }, interval);
  if (!key) throw new PreconditionFailedError(`The ${PLANS[plan].name} plan has no ${interval}ly price.`);
  const prices = await priceIdsFor(stripe, [key]);
  // One trial per customer: a tenant that trialed before (and came back to Free) pays from day one.
  const trialDays = ledger.account?.trialEnd ? 0 : PLANS[plan].trialDays;
  const back = new URL(returnUrl);
  const success = new URL(back);
  success.searchParams.set("checkout", "success");
  const cancel = new URL(back);
  cancel.searchParams.set("checkout", "canceled");
  const session = await atStripe(() =>
    stripe.checkout.sessions.create(
      {
        mode: "subscription",
        customer,
        client_reference_id: tenantId,
        metadata: { tenantId, plan, interval },
        line_items: [{ price: prices.get(key) as string, quantity: planQuantity(plan, ledger.activeMembers) }],
        subscription_data: {
          metadata: { tenantId },
          ...(trialDays > 0 ? { trial_period_days: trialDays } : {}),
        },
        // Stripe fills in the session id; kept literal (URL-encoding would break the placeholder).
        success_url: `${success.toString()}&session_id={CHECKOUT_SESSION_ID}`,
        cancel_url: cancel.toString(),
      },
      { idempotencyKey: idempotencyKey(ctx, "checkout", plan, interval) },
    ),
  );
  if (!session.url) throw new Error("Stripe returned a checkout session without a URL");
  await tenantTx(ctx, (tx) =>
    emitAudit(tx, auditCtx(ctx), {
      action: "billing.checkout_start",
      target: { type: "billing_account", id: tenantId },
      after: { plan, interval, trialDays, checkoutSessionId: session.id },
    }),
  );
  return { url: session.url, sessionId: session.id };
}
