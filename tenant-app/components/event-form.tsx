"use client";

import type { ActionResult } from "@mw/core/transport";
import { Field, FormMessage } from "@mw/core/ui";
import { useBrowserTimeZone } from "@mw/core/ui/local-time";
import { useActionState } from "react";
import { createEventAction } from "../app/t/[tenantId]/(member)/actions";

/** `timeZones`: the zones the server accepts (its Intl data), so the choice is always valid there. */
export function EventForm({
  artists,
  timeZones,
}: {
  artists: { id: string; name: string }[];
  timeZones: readonly string[];
}) {
  const [state, action, pending] = useActionState(createEventAction, { ok: true } as ActionResult);
  const browserZone = useBrowserTimeZone();
  return (
    // Remounted with the submitted values after an error (React resets a form after its action).
    <form action={action} className="mw-form" aria-label="New event" key={JSON.stringify(state.values ?? {})}>
      <FormMessage state={state} />
      <Field label="Title" name="title" state={state}>
        <input name="title" required defaultValue={state.values?.title} />
      </Field>
      <Field label="Starts at" name="startsAt" state={state}>
        <input name="startsAt" type="datetime-local" required defaultValue={state.values?.startsAt} />
      </Field>
      <Field label="Time zone" name="timeZone" state={state}>
        {/* Remounted once the browser's zone is known: the server cannot know it. */}
        <select
          key={browserZone ?? "server"}
          name="timeZone"
          defaultValue={
            state.values?.timeZone || (browserZone && timeZones.includes(browserZone) ? browserZone : "UTC")
          }
        >
          {timeZones.map((z) => (
            <option key={z} value={z}>
              {z.replaceAll("_", " ")}
            </option>
          ))}
        </select>
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
