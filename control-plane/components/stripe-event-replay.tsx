"use client";

import { ConfirmAction } from "@mw/ui/confirm-action";
import { replayStripeEventAction } from "../app/staff/billing-events-actions";

/** Replay one inbox event, after saying what that means (a re-sync, not a rewind). */
export function ReplayEventButton({
  tenantId,
  eventId,
  type,
  disabled = false,
}: {
  tenantId: string;
  eventId: string;
  type: string;
  /** While the event waits to be processed (a replay already queued). */
  disabled?: boolean;
}) {
  return (
    <ConfirmAction
      action={replayStripeEventAction}
      fields={{ tenantId, eventId }}
      label="Replay"
      variant="outline"
      title={`Replay ${type}?`}
      description="Processing runs again and fetches the subscription and invoice from Stripe as they are now, so the tenant is brought to Stripe's current state — never back to the moment of this event. Recorded in the tenant's audit log."
      confirmLabel="Replay"
      pendingLabel="Queuing…"
      success="Replay queued."
      disabled={disabled}
    />
  );
}
