import type { Stripe } from "@mw/core/adapters/stripe";
import { advanceDunning } from "@mw/core/billing/dunning";
import { reportUsage } from "@mw/core/billing/usage";
import type { Database } from "@mw/core/db";
import type { LogFn } from "../engine/types";

export const DUNNING_TASK = "billing:dunning";
export const USAGE_REPORT_TASK = "billing:usage-report";

/**
 * Dunning progression (every minute): past-due tenants whose grace ended become restricted,
 * restricted ones past their deadline suspended, reminders before the grace ends. Each tenant is
 * decided under a row lock, so overlapping runs (two workers) do the work once.
 */
export async function runDunningProgress(deps: { database: Database; log: LogFn; now?: Date }): Promise<void> {
  const out = await advanceDunning({ database: deps.database, ...(deps.now ? { now: deps.now } : {}) });
  if (out.restricted || out.suspended || out.reminded) {
    deps.log("info", "dunning progressed", { ...out });
  }
}

/**
 * Usage reporting (every minute): unreported usage per tenant and meter becomes one Stripe meter
 * event with a unique identifier, exactly once across crashes (see core/src/billing/usage/report.ts).
 */
export async function runUsageReport(deps: { database: Database; stripe: Stripe; log: LogFn }): Promise<void> {
  const out = await reportUsage({ database: deps.database, stripe: deps.stripe });
  if (out.failed) deps.log("warn", `usage report: ${out.failed} meter event(s) not accepted yet; retried next run`);
  if (out.sent || out.alreadyCounted) deps.log("info", "usage reported", { ...out });
}
