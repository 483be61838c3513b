"use client";

import type { ActionResult } from "@mw/core/transport";
import { Button } from "@mw/ui/button";
import { toast } from "@mw/ui/toast";
import { useActionState, useEffect, useRef } from "react";
import { rsvpAction } from "../app/t/[tenantId]/(member)/actions";
import { FormStatus } from "./form-status";

const initial: ActionResult = { ok: true };

/** Going / Interested toggles; a refused RSVP says why here, or (forbidden) shows the 403 page. */
export function RsvpForm({ eventId, myRsvp, allowed }: { eventId: string; myRsvp: string | null; allowed: boolean }) {
  const [state, action, pending] = useActionState(rsvpAction, initial);
  // A saved RSVP is confirmed by a toast; a refusal stays in the form (FormStatus), said once.
  const seen = useRef(state);
  useEffect(() => {
    if (state === seen.current) return;
    seen.current = state;
    if (state.ok) toast("RSVP saved");
  }, [state]);
  // Mounted even without the permission: refused after a role change, the re-rendered page has no
  // buttons, and the hook must still be here to show the refusal (it rethrows into the 403 page).
  if (!allowed) return null;
  return (
    <form action={action} className="grid gap-2">
      <FormStatus state={state} />
      <input type="hidden" name="eventId" value={eventId} />
      <div className="flex flex-wrap gap-2">
        {(["going", "interested"] as const).map((s) => (
          <Button
            key={s}
            variant={myRsvp === s ? "primary" : "outline"}
            size="sm"
            type="submit"
            name="status"
            value={myRsvp === s ? "none" : s}
            aria-pressed={myRsvp === s}
            disabled={pending}
          >
            {s === "going" ? "Going" : "Interested"}
          </Button>
        ))}
      </div>
    </form>
  );
}
