import { z } from "zod";
import { emitAudit } from "../../audit/emit";
import { assertCan } from "../../authz/ability";
import type { TenantCtx } from "../../context";
import { assertTenantWritable, auditCtx, tenantTx } from "../../tenancy";
import { parseInput } from "../../validation";
import { ensureStripeCustomer } from "./customer";
import { type BillingDeps, idempotencyKey, type ReturnUrl } from "./deps";
import { atStripe } from "./stripe-errors";

const NoInput = z.object({}).strict();

/**
 * "Manage payment method": a Stripe Billing Portal session for the tenant's customer, opened on the
 * payment-method update flow; the browser is sent to its URL and comes back to the billing page.
 * The card never passes through us. The new card reaches the ledger by webhook.
 */
export async function openPaymentMethodPortal({
  ctx,
  input = {},
  stripe,
  returnUrl,
}: { ctx: TenantCtx; input?: z.input<typeof NoInput> } & BillingDeps & ReturnUrl): Promise<{ url: string }> {
  assertCan(ctx.ability, "billing.manage");
  parseInput(NoInput, input);
  assertTenantWritable(ctx);
  const customer = await ensureStripeCustomer(ctx, stripe);
  const session = await atStripe(() =>
    stripe.billingPortal.sessions.create(
      { customer, return_url: returnUrl, flow_data: { type: "payment_method_update" } },
      { idempotencyKey: idempotencyKey(ctx, "portal-session") },
    ),
  );
  await tenantTx(ctx, (tx) =>
    emitAudit(tx, auditCtx(ctx), {
      action: "billing.portal_session",
      target: { type: "billing_account", id: ctx.tenant.id },
      after: { flow: "payment_method_update", portalSessionId: session.id },
    }),
  );
  return { url: session.url };
}
