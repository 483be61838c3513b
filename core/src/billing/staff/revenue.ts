import { assertStaffCan } from "../../authz/ability";
import type { PlatformCtx } from "../../context";
import type { DunningStateValue } from "../../db/schema/tenants";

/** Churn is measured over this many days before now. */
export const CHURN_WINDOW_DAYS = 30;
const PAST_DUE_LIST_LIMIT = 100;

/** Stripe statuses whose subscriptions count as paying: MRR is theirs. */
const PAYING = new Set(["active", "past_due"]);

export interface RevenueTotals {
  currency: string;
  /** MRR of active and past-due subscriptions, in the currency's minor unit. */
  mrrCents: number;
  /** What trialing subscriptions will bring once their trials convert (not in MRR). */
  trialingMrrCents: number;
}

export interface PlanRevenue {
  plan: string;
  currency: string;
  /** Active and past-due subscriptions on the plan. */
  subscriptions: number;
  mrrCents: number;
}

export interface PastDueAccount {
  tenantId: string;
  name: string;
  slug: string;
  plan: string;
  subscriptionStatus: string | null;
  mrrCents: number;
  currency: string;
  dunningState: DunningStateValue;
  dunningSince: Date | null;
  graceUntil: Date | null;
  openInvoices: number;
  amountDueCents: number;
}

export interface RevenueOverview {
  asOf: Date;
  /** One entry per currency subscriptions are billed in, the largest MRR first. */
  totals: RevenueTotals[];
  counts: { active: number; trialing: number; pastDue: number; unpaid: number };
  byPlan: PlanRevenue[];
  churn: {
    windowDays: number;
    from: Date;
    to: Date;
    payingAtStart: number;
    canceled: number;
    /** canceled ÷ payingAtStart; null when nobody was paying at the window's start. */
    rate: number | null;
  };
  pastDue: PastDueAccount[];
}

/**
 * The platform's revenue from the local ledger (billing_accounts, their history and invoices), no
 * Stripe call: Postgres aggregates through the revenue window functions (migration 0015), so the
 * page reads a handful of grouped rows whatever the number of tenants.
 */
export async function getRevenueOverview({
  ctx,
  now = new Date(),
}: {
  ctx: PlatformCtx;
  now?: Date;
}): Promise<RevenueOverview> {
  assertStaffCan(ctx.ability, "platform.revenue.read");
  const from = new Date(now.getTime() - CHURN_WINDOW_DAYS * 86_400_000);
  // Drizzle shares this client and turns off its date (de)serializers: timestamps travel as text.
  const sql = ctx.database.sql;
  const [groups, churnRows, pastDue] = await Promise.all([
    sql<{ plan: string; status: string; currency: string; subscriptions: number; mrr_cents: string }[]>`
      select plan, status, currency, subscriptions, mrr_cents from platform_subscription_totals()`,
    sql<{ paying_at_start: number; canceled: number }[]>`
      select paying_at_start, canceled from platform_churn(${from.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz)`,
    sql<
      {
        tenant_id: string;
        name: string;
        slug: string;
        plan: string;
        subscription_status: string | null;
        mrr_cents: number;
        currency: string;
        dunning_state: DunningStateValue;
        dunning_since: string | null;
        grace_until: string | null;
        open_invoices: number;
        amount_due_cents: string;
      }[]
    >`select * from platform_past_due_accounts(${PAST_DUE_LIST_LIMIT})`,
  ]);

  const totals = new Map<string, RevenueTotals>();
  const plans = new Map<string, PlanRevenue>();
  const counts = { active: 0, trialing: 0, pastDue: 0, unpaid: 0 };
  for (const g of groups) {
    const mrr = Number(g.mrr_cents);
    const total = totals.get(g.currency) ?? { currency: g.currency, mrrCents: 0, trialingMrrCents: 0 };
    totals.set(g.currency, total);
    if (g.status === "active") counts.active += g.subscriptions;
    if (g.status === "trialing") counts.trialing += g.subscriptions;
    if (g.status === "past_due") counts.pastDue += g.subscriptions;
    if (g.status === "unpaid") counts.unpaid += g.subscriptions;
    if (g.status === "trialing") total.trialingMrrCents += mrr;
    if (!PAYING.has(g.status)) continue;
    total.mrrCents += mrr;
    const key = `${g.plan}\u0000${g.currency}`;
    const plan = plans.get(key) ?? { plan: g.plan, currency: g.currency, subscriptions: 0, mrrCents: 0 };
    plan.subscriptions += g.subscriptions;
    plan.mrrCents += mrr;
    plans.set(key, plan);
  }
  const churn = churnRows[0] ?? { paying_at_start: 0, canceled: 0 };
  return {
    asOf: now,
    totals: [...totals.values()].sort((a, b) => b.mrrCents - a.mrrCents || a.currency.localeCompare(b.currency)),
    counts,
    byPlan: [...plans.values()].sort((a, b) => b.mrrCents - a.mrrCents || a.plan.localeCompare(b.plan)),
    churn: {
      windowDays: CHURN_WINDOW_DAYS,
      from,
      to: now,
      payingAtStart: churn.paying_at_start,
      canceled: churn.canceled,
      rate: churn.paying_at_start > 0 ? churn.canceled / churn.paying_at_start : null,
    },
    pastDue: pastDue.map((r) => ({
      tenantId: r.tenant_id,
      name: r.name,
      slug: r.slug,
      plan: r.plan,
      subscriptionStatus: r.subscription_status,
      mrrCents: r.mrr_cents,
      currency: r.currency,
      dunningState: r.dunning_state,
      dunningSince: r.dunning_since ? new Date(r.dunning_since) : null,
      graceUntil: r.grace_until ? new Date(r.grace_until) : null,
      openInvoices: r.open_invoices,
      amountDueCents: Number(r.amount_due_cents),
    })),
  };
}
