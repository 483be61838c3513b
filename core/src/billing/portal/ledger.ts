import { and, count, desc, eq } from "drizzle-orm";
import type { TenantTx } from "../../db/client";
import {
  type BillingAccountRow,
  type BillingInvoiceRow,
  billingAccounts,
  billingInvoices,
  memberships,
  tenants,
} from "../../db/schema/index";
import { ADDON_IDS, type AddonId, PLAN_IDS, type PlanId } from "../../plans/catalog";

/** The tenant's billing as the platform last learned it (no Stripe call): what the page can always show. */
export interface BillingLedger {
  plan: PlanId;
  addons: AddonId[];
  dunningState: string;
  graceUntil: Date | null;
  account: BillingAccountRow | null;
  invoices: BillingInvoiceRow[];
  /** Active members: the seat count a per-seat plan bills. */
  activeMembers: number;
}

export const INVOICE_HISTORY_LIMIT = 24;

export async function readBillingLedger(tx: TenantTx, tenantId: string): Promise<BillingLedger> {
  const [tenant] = await tx
    .select({
      plan: tenants.plan,
      addons: tenants.addons,
      dunningState: tenants.dunningState,
      graceUntil: tenants.graceUntil,
    })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  if (!tenant) throw new Error(`tenant ${tenantId} not found`);
  const [account] = await tx.select().from(billingAccounts).where(eq(billingAccounts.tenantId, tenantId));
  const invoices = await tx
    .select()
    .from(billingInvoices)
    .where(eq(billingInvoices.tenantId, tenantId))
    .orderBy(desc(billingInvoices.stripeCreatedAt))
    .limit(INVOICE_HISTORY_LIMIT);
  const activeMembers = await countActiveMembers(tx, tenantId);
  return {
    plan: (PLAN_IDS as readonly string[]).includes(tenant.plan) ? (tenant.plan as PlanId) : "free",
    addons: ADDON_IDS.filter((a) => tenant.addons.includes(a)),
    dunningState: tenant.dunningState,
    graceUntil: tenant.graceUntil,
    account: account ?? null,
    invoices,
    activeMembers,
  };
}

export async function countActiveMembers(tx: TenantTx, tenantId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(memberships)
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.status, "active")));
  return row?.n ?? 0;
}

/** Stripe statuses under which a subscription still exists and can be changed. */
export const LIVE_STATUSES = ["trialing", "active", "past_due", "unpaid", "incomplete"] as const;

export function hasLiveSubscription(account: BillingAccountRow | null): account is BillingAccountRow & {
  stripeSubscriptionId: string;
  stripeCustomerId: string;
} {
  return Boolean(
    account?.stripeSubscriptionId &&
      account.stripeCustomerId &&
      (LIVE_STATUSES as readonly string[]).includes(account.subscriptionStatus ?? ""),
  );
}
