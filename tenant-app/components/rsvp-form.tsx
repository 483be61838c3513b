"use client";

import type { ActionResult } from "@mw/core/transport";
import { FormMessage } from "@mw/core/ui";
import { useActionState } from "react";
import { rsvpAction } from "../app/t/[tenantId]/(member)/actions";

const initial: ActionResult = { ok: true };

/** Going / Interested toggles; a refused RSVP says why here, or (forbidden) shows the 403 page. */
export function RsvpForm({ eventId, myRsvp, allowed }: { eventId: string; myRsvp: string | null; allowed: boolean }) {
  const [state, action, pending] = useActionState(rsvpAction, initial);
  // Mounted even without the permission: refused after a role change, the re-rendered page has no
  // buttons, and the hook must still be here to show the refusal (it rethrows into the 403 page).
  if (!allowed) return null;
  return (
    <form action={action} className="mw-row">
      <FormMessage state={state} />
      <input type="hidden" name="eventId" value={eventId} />
      {(["going", "interested"] as const).map((s) => (
        <button
          key={s}
          className={`mw-button ${myRsvp === s ? "" : "ghost"}`}
          type="submit"
          name="status"
          value={myRsvp === s ? "none" : s}
          aria-pressed={myRsvp === s}
          disabled={pending}
        >
          {s === "going" ? "Going" : "Interested"}
        </button>
      ))}
    </form>
  );
}
