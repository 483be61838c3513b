import { and, eq, gte, lt, sql } from "drizzle-orm";
import { assertCan } from "../../authz/ability";
import type { TenantCtx } from "../../context";
import { readTenant } from "../../db/client";
import { billingAccounts, usageRecords, usageReports } from "../../db/schema/index";
import { METER_IDS, METERS, type MeterId } from "../../plans/catalog";

export interface UsagePeriod {
  start: Date;
  end: Date;
  /** The subscription's current period, or the calendar month (UTC) for a tenant without one. */
  source: "subscription" | "calendar_month";
}

export interface MeterUsage {
  id: MeterId;
  name: string;
  /** Counted in the period so far. */
  total: number;
  /** Of which Stripe has (sent reports); the rest waits for the next report run. */
  reported: number;
  /**
   * One entry per UTC day of the whole period: that day's count and the running total, both null
   * for days still ahead (the chart shows usage against the period, not just the days so far).
   */
  days: { date: string; value: number | null; cumulative: number | null }[];
}

export interface UsageOverview {
  period: UsagePeriod;
  meters: MeterUsage[];
  /** Without a Stripe customer, usage is recorded and waits to be reported. */
  hasStripeCustomer: boolean;
}

const DAY_MS = 86_400_000;
const dayKey = (d: Date) => d.toISOString().slice(0, 10);

/** The period the overview covers: the subscription's, when `now` lies in it; else this UTC month. */
export function usagePeriod(
  account: { currentPeriodStart: Date | null; currentPeriodEnd: Date | null } | undefined,
  now: Date,
): UsagePeriod {
  const { currentPeriodStart: start, currentPeriodEnd: end } = account ?? {};
  if (start && end && start.getTime() <= now.getTime() && now.getTime() < end.getTime()) {
    return { start, end, source: "subscription" };
  }
  return {
    start: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)),
    end: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)),
    source: "calendar_month",
  };
}

/**
 * Usage per meter in the current billing period, by day, for the billing console's usage page
 * (`billing.read`). Read from the platform's ledger — what Stripe has been told is marked apart —
 * so the page needs no Stripe call.
 */
export async function getUsageOverview({
  ctx,
  now = new Date(),
}: {
  ctx: TenantCtx;
  now?: Date;
}): Promise<UsageOverview> {
  assertCan(ctx.ability, "billing.read");
  const tenantId = ctx.tenant.id;
  return readTenant(ctx.database, tenantId, async (tx) => {
    const [account] = await tx
      .select({
        currentPeriodStart: billingAccounts.currentPeriodStart,
        currentPeriodEnd: billingAccounts.currentPeriodEnd,
        customer: billingAccounts.stripeCustomerId,
      })
      .from(billingAccounts)
      .where(eq(billingAccounts.tenantId, tenantId));
    const period = usagePeriod(account, now);
    const day = sql<string>`to_char(${usageRecords.occurredAt} at time zone 'UTC', 'YYYY-MM-DD')`;
    const rows = await tx
      .select({
        meter: usageRecords.meter,
        day,
        quantity: sql<number>`sum(${usageRecords.quantity})`.mapWith(Number),
        reported:
          sql<number>`coalesce(sum(${usageRecords.quantity}) filter (where ${usageReports.status} = 'sent'), 0)`.mapWith(
            Number,
          ),
      })
      .from(usageRecords)
      .leftJoin(
        usageReports,
        and(eq(usageReports.tenantId, usageRecords.tenantId), eq(usageReports.id, usageRecords.reportId)),
      )
      .where(
        and(
          eq(usageRecords.tenantId, tenantId),
          gte(usageRecords.occurredAt, period.start),
          lt(usageRecords.occurredAt, period.end),
        ),
      )
      .groupBy(usageRecords.meter, day);

    const today = dayKey(now);
    const dayKeys: string[] = [];
    for (let t = Date.parse(dayKey(period.start)); t < period.end.getTime(); t += DAY_MS)
      dayKeys.push(dayKey(new Date(t)));
    const meters = METER_IDS.map((id): MeterUsage => {
      const mine = rows.filter((r) => r.meter === id);
      const byDay = new Map(mine.map((r) => [r.day, r.quantity]));
      let running = 0;
      const days = dayKeys.map((date) => {
        if (date > today) return { date, value: null, cumulative: null };
        const value = byDay.get(date) ?? 0;
        running += value;
        return { date, value, cumulative: running };
      });
      return {
        id,
        name: METERS[id].displayName,
        total: mine.reduce((n, r) => n + r.quantity, 0),
        reported: mine.reduce((n, r) => n + r.reported, 0),
        days,
      };
    });
    return { period, meters, hasStripeCustomer: Boolean(account?.customer) };
  });
}
