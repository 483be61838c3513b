import { and, eq } from "drizzle-orm";
import type { TenantTx } from "../../db/client";
import { billingAccounts, tenants } from "../../db/schema/index";
import { NotFoundError } from "../../errors";
import { PLAN_IDS, PLANS, type PlanId } from "../../plans/catalog";
import { billingLink, notifyBillingContacts } from "./notify";

/** What the trial e-mail reads of a Stripe subscription (`Stripe.Subscription` fits). */
export interface TrialSubscription {
  id: string;
  trial_end: number | null;
  default_payment_method?: unknown;
}

/**
 * `customer.subscription.trial_will_end` (Stripe sends it three days before): queues the "trial
 * ends soon" mail to the billing contacts, once per subscription and trial end — a redelivery
 * sends nothing, a trial extended to a new date announces the new date. Returns how many were queued.
 */
export async function onTrialWillEnd(tx: TenantTx, tenantId: string, sub: TrialSubscription): Promise<number> {
  if (tx.tenantId !== tenantId) throw new Error("dunning: the transaction belongs to another tenant");
  if (sub.trial_end === null) return 0;
  const [tenant] = await tx
    .select({ slug: tenants.slug, plan: tenants.plan })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  if (!tenant) throw new NotFoundError("No such tenant.");
  const [account] = await tx
    .select({ paymentMethod: billingAccounts.paymentMethod })
    .from(billingAccounts)
    .where(and(eq(billingAccounts.tenantId, tenantId)));
  const plan = (PLAN_IDS as readonly string[]).includes(tenant.plan) ? PLANS[tenant.plan as PlanId].name : "paid";
  const hasPaymentMethod = Boolean(sub.default_payment_method) || Boolean(account?.paymentMethod);
  return notifyBillingContacts(
    tx,
    "billing_trial_ending",
    {
      planName: plan,
      trialEnd: new Date(sub.trial_end * 1000).toISOString(),
      hasPaymentMethod,
      billingLink: billingLink(tenant.slug),
    },
    `trial-ending:${sub.id}:${sub.trial_end}`,
  );
}
