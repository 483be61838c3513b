import type { JobQueue } from "../engine/types";

/** Task, key and attempts match the database's `mw_schedule_stripe_event()` (migration 0017). */
export const STRIPE_EVENT_TASK = "billing:stripe-event";
export const BILLING_RECONCILE_TASK = "billing:reconcile";
export const STRIPE_EVENT_MAX_ATTEMPTS = 12;

export const stripeEventJobKey = (eventId: string) => `stripe-event:${eventId}`;

export interface StripeEventPayload {
  eventId: string;
}

/** Process an inbox row soon (the sweep's path; the intake queues in its own transaction). */
export async function scheduleStripeEvent(queue: JobQueue, eventId: string): Promise<void> {
  await queue.addJob(STRIPE_EVENT_TASK, { eventId } satisfies StripeEventPayload, {
    jobKey: stripeEventJobKey(eventId),
    maxAttempts: STRIPE_EVENT_MAX_ATTEMPTS,
    jobKeyMode: "replace",
  });
}
