import type { Stripe } from "@mw/core/adapters/stripe";
import { processStripeEvent, reconcileBilling } from "@mw/core/billing";
import type { Database } from "@mw/core/db";
import type { Task } from "graphile-worker";
import { z } from "zod";
import type { LogFn } from "../engine/types";

const EventPayload = z.object({ eventId: z.string().min(1) });

/**
 * The billing jobs: one inbox event (retried with graphile-worker's backoff while Stripe or the
 * database is unreachable; the failure is recorded on the row each time), and the periodic
 * reconcile against Stripe.
 */
export function billingTasks(deps: { database: Database; stripe: Stripe; log: LogFn }) {
  const processEvent: Task = async (payload, helpers) => {
    const { eventId } = EventPayload.parse(payload);
    const outcome = await processStripeEvent({ database: deps.database, stripe: deps.stripe }, eventId, {
      attempts: helpers.job.attempts,
      maxAttempts: helpers.job.max_attempts,
    });
    if (outcome.outcome === "failed") deps.log("warn", `stripe event ${eventId} failed: ${outcome.result}`);
  };
  const reconcile: Task = async () => {
    const report = await reconcileBilling({ database: deps.database, stripe: deps.stripe });
    if (report.repaired.length || report.failed.length) {
      deps.log(
        "warn",
        `billing reconcile: ${report.checked} checked, ${report.repaired.length} repaired, ${report.failed.length} failed`,
        {
          repaired: report.repaired,
          failed: report.failed,
        },
      );
    }
  };
  return { processEvent, reconcile };
}
