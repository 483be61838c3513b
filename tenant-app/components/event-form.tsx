"use client";

import type { ActionResult } from "@mw/core/transport";
import { Field, FormMessage } from "@mw/core/ui";
import { useActionState } from "react";
import { createEventAction } from "../app/t/[tenantId]/(member)/actions";

export function EventForm({ artists }: { artists: { id: string; name: string }[] }) {
  const [state, action, pending] = useActionState(createEventAction, { ok: true } as ActionResult);
  return (
    // Remounted with the submitted values after an error (React resets a form after its action).
    <form action={action} className="mw-form" aria-label="New event" key={JSON.stringify(state.values ?? {})}>
      <FormMessage state={state} />
      {/* The server interprets the local date-time with the visitor's offset. */}
      <input
        type="hidden"
        name="tzOffsetMinutes"
        value={typeof window === "undefined" ? 0 : new Date().getTimezoneOffset()}
      />
      <Field label="Title" name="title" state={state}>
        <input name="title" required defaultValue={state.values?.title} />
      </Field>
      <Field label="Starts at" name="startsAt" state={state}>
        <input name="startsAt" type="datetime-local" required defaultValue={state.values?.startsAt} />
      </Field>
      <Field label="Venue" name="venue" state={state}>
        <input name="venue" defaultValue={state.values?.venue} />
      </Field>
      <Field label="Capacity (optional)" name="capacity" state={state}>
        <input name="capacity" type="number" min={1} defaultValue={state.values?.capacity} />
      </Field>
      <Field label="Artist (optional)" name="artistId" state={state}>
        <select name="artistId" defaultValue={state.values?.artistId ?? ""}>
          <option value="">—</option>
          {artists.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Description" name="description" state={state}>
        <textarea name="description" rows={4} defaultValue={state.values?.description} />
      </Field>
      <button className="mw-button" type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create event"}
      </button>
    </form>
  );
}
