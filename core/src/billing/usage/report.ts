import { and, asc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import type Stripe from "stripe";
import { type Database, withTenant } from "../../db/client";
import { billingAccounts, tenants, usageRecords, usageReports } from "../../db/schema/index";
import { newId } from "../../ids";
import { METER_IDS, METERS, type MeterId } from "../../plans/catalog";

/**
 * Usage reporting to Stripe meters, exactly once across crashes (issue 10.7):
 *
 * 1. Claim (one transaction per tenant): the tenant's unreported records of a meter are locked,
 *    summed into a new `usage_reports` row and pointed at it. The report's id is the meter event's
 *    `identifier`, fixed before anything is sent.
 * 2. Send each pending report as `billing.meterEvents.create({ identifier: report.id, … })`, then
 *    mark it sent. A crash between the two leaves it pending: the next run sends the same
 *    identifier again, Stripe refuses the duplicate ("already exists") and that refusal means
 *    "already counted", so the report is marked sent without being counted twice. Each attempt
 *    carries its own idempotency key (report + attempt): the SDK's retries within one attempt are
 *    replays, while a later attempt reaches Stripe's identifier check instead of a cached answer.
 *
 * A tenant without a Stripe customer is skipped: its records wait, unclaimed, until it has one.
 */

export interface UsageReportOutcome {
  /** Reports created from newly claimed records. */
  claimed: number;
  /** Meter events Stripe accepted. */
  sent: number;
  /** Re-sent after a crash and refused by Stripe as a duplicate identifier: counted before. */
  alreadyCounted: number;
  /** Sends that failed; the report stays pending for the next run. */
  failed: number;
  /** Tenants with usage but no Stripe customer yet. */
  waiting: number;
}

export interface UsageReporterDeps {
  database: Database;
  stripe: Stripe;
  now?: () => Date;
  /** Test seam: runs after Stripe answered and before the report is marked sent (crash injection). */
  afterSend?: (report: { id: string; tenantId: string }) => Promise<void> | void;
}

const empty = (): UsageReportOutcome => ({ claimed: 0, sent: 0, alreadyCounted: 0, failed: 0, waiting: 0 });

function add(into: UsageReportOutcome, from: UsageReportOutcome): void {
  for (const key of Object.keys(into) as (keyof UsageReportOutcome)[]) into[key] += from[key];
}

/** Every tenant's usage, tenant by tenant (usage is tenant-owned and under RLS). */
export async function reportUsage(deps: UsageReporterDeps): Promise<UsageReportOutcome> {
  const ids = await deps.database.db.select({ id: tenants.id }).from(tenants).where(ne(tenants.status, "deleted"));
  const total = empty();
  for (const { id } of ids) add(total, await reportTenantUsage(deps, id));
  return total;
}

/** Claims and sends one tenant's usage. */
export async function reportTenantUsage(deps: UsageReporterDeps, tenantId: string): Promise<UsageReportOutcome> {
  const out = empty();
  const claim = await withTenant(deps.database, tenantId, async (tx) => {
    const [account] = await tx
      .select({ customer: billingAccounts.stripeCustomerId })
      .from(billingAccounts)
      .where(eq(billingAccounts.tenantId, tenantId));
    if (!account?.customer) {
      const [waiting] = await tx
        .select({ n: sql<number>`count(*)`.mapWith(Number) })
        .from(usageRecords)
        .where(and(eq(usageRecords.tenantId, tenantId), isNull(usageRecords.reportId)));
      return { customer: null, waiting: (waiting?.n ?? 0) > 0 };
    }
    for (const meter of METER_IDS) {
      // Locked, so a concurrent reporter waits and then finds them claimed; records inserted after
      // this read are not in the set and wait for the next run.
      const rows = await tx
        .select({ id: usageRecords.id, quantity: usageRecords.quantity })
        .from(usageRecords)
        .where(and(eq(usageRecords.tenantId, tenantId), eq(usageRecords.meter, meter), isNull(usageRecords.reportId)))
        .for("update");
      if (rows.length === 0) continue;
      const id = newId("usageReport");
      const quantity = rows.reduce((n, r) => n + r.quantity, 0);
      await tx.insert(usageReports).values({ id, tenantId, meter, quantity });
      await tx
        .update(usageRecords)
        .set({ reportId: id })
        .where(
          and(
            eq(usageRecords.tenantId, tenantId),
            inArray(
              usageRecords.id,
              rows.map((r) => r.id),
            ),
          ),
        );
      out.claimed++;
    }
    return { customer: account.customer, waiting: false };
  });
  if (!claim.customer) {
    if (claim.waiting) out.waiting++;
    return out;
  }
  const pending = await withTenant(deps.database, tenantId, (tx) =>
    tx
      .select()
      .from(usageReports)
      .where(and(eq(usageReports.tenantId, tenantId), eq(usageReports.status, "pending")))
      .orderBy(asc(usageReports.createdAt)),
  );
  for (const report of pending) {
    const result = await sendReport(deps, claim.customer, report);
    out[result]++;
  }
  return out;
}

type SendResult = "sent" | "alreadyCounted" | "failed";

/** Stripe's answer to an identifier it has seen: the event was counted the first time. */
export function isDuplicateIdentifier(err: unknown): boolean {
  if (!err || typeof err !== "object") return false;
  const e = err as { statusCode?: number; param?: string; code?: string; raw?: { param?: string } };
  const param = e.param ?? e.raw?.param;
  return e.statusCode === 400 && param === "identifier" && (e.code === "resource_already_exists" || !e.code);
}

const MAX_AGE_S = 34 * 86_400;

async function sendReport(
  deps: UsageReporterDeps,
  customer: string,
  report: typeof usageReports.$inferSelect,
): Promise<SendResult> {
  const now = deps.now?.() ?? new Date();
  // The attempt is counted (and committed) before the send, so every attempt has its own key.
  const [attempt] = await withTenant(deps.database, report.tenantId, (tx) =>
    tx
      .update(usageReports)
      .set({ attempts: sql`${usageReports.attempts} + 1` })
      .where(
        and(
          eq(usageReports.tenantId, report.tenantId),
          eq(usageReports.id, report.id),
          eq(usageReports.status, "pending"),
        ),
      )
      .returning({ attempts: usageReports.attempts }),
  );
  if (!attempt) return "sent"; // another reporter finished it meanwhile
  const meter = METERS[report.meter as MeterId];
  // Stripe takes events up to 35 days old: a report that waited longer is dated as late as allowed.
  const timestamp = Math.max(
    Math.floor(report.createdAt.getTime() / 1000),
    Math.floor(now.getTime() / 1000) - MAX_AGE_S,
  );
  let result: SendResult;
  try {
    if (!meter) throw new Error(`unknown meter "${report.meter}"`);
    await deps.stripe.billing.meterEvents.create(
      {
        event_name: meter.eventName,
        identifier: report.id,
        timestamp,
        payload: { stripe_customer_id: customer, value: String(report.quantity) },
      },
      { idempotencyKey: `meter-event:${report.id}:${attempt.attempts}` },
    );
    result = "sent";
  } catch (err) {
    if (!isDuplicateIdentifier(err)) {
      const message = err instanceof Error ? err.message : String(err);
      await withTenant(deps.database, report.tenantId, (tx) =>
        tx
          .update(usageReports)
          .set({ lastError: message.slice(0, 500) })
          .where(and(eq(usageReports.tenantId, report.tenantId), eq(usageReports.id, report.id))),
      );
      return "failed";
    }
    result = "alreadyCounted";
  }
  await deps.afterSend?.({ id: report.id, tenantId: report.tenantId });
  await withTenant(deps.database, report.tenantId, (tx) =>
    tx
      .update(usageReports)
      .set({ status: "sent", sentAt: now, lastError: null })
      .where(and(eq(usageReports.tenantId, report.tenantId), eq(usageReports.id, report.id))),
  );
  return result;
}
