import type { Stripe } from "@mw/core/adapters/stripe";
import { syncSubscriptionSeats } from "@mw/core/billing/portal";
import type { Database } from "@mw/core/db";
import type { Task } from "graphile-worker";
import { z } from "zod";
import type { LogFn } from "../engine/types";

/**
 * Queued by the memberships trigger (migration 0018, same name and job key) whenever a membership
 * starts, ends or changes status in a tenant with a subscription; one job per tenant, pushed back by
 * each change. Runs the portal's seat sync: the per-seat plan item's quantity becomes the active
 * member count at Stripe, and the returned subscription is applied to the ledger.
 */
export const SEAT_SYNC_TASK = "billing:sync-seats";

const Payload = z.object({ tenantId: z.string().min(1) });

export function seatSyncTask(deps: { database: Database; stripe: Stripe; log: LogFn }): Task {
  return async (payload, helpers) => {
    const { tenantId } = Payload.parse(payload);
    // The job's id names this run: its retries replay Stripe's answer, a later job acts anew.
    const result = await syncSubscriptionSeats({
      database: deps.database,
      stripe: deps.stripe,
      tenantId,
      runId: `job:${helpers.job.id}`,
    });
    if (result.changed) deps.log("info", `seats of ${tenantId}: ${result.from} → ${result.to}`);
  };
}
