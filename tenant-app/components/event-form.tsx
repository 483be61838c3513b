"use client";

import type { ActionResult } from "@mw/core/transport";
import { useBrowserTimeZone } from "@mw/core/ui/local-time";
import { Field } from "@mw/ui/field";
import { Input, Select, Textarea } from "@mw/ui/input";
import { SubmitButton } from "@mw/ui/submit-button";
import { useActionState } from "react";
import { createEventAction } from "../app/t/[tenantId]/(member)/actions";
import { FormStatus } from "./form-status";

/** `timeZones`: the zones the server accepts (its Intl data), so the choice is always valid there. */
export function EventForm({
  artists,
  timeZones,
}: {
  artists: { id: string; name: string }[];
  timeZones: readonly string[];
}) {
  const [state, action] = useActionState(createEventAction, { ok: true } as ActionResult);
  const browserZone = useBrowserTimeZone();
  return (
    // Remounted with the submitted values after an error (React resets a form after its action).
    <form
      action={action}
      className="grid max-w-xl gap-4"
      aria-label="New event"
      key={JSON.stringify(state.values ?? {})}
    >
      <FormStatus state={state} />
      <Field label="Title" errors={state.fields?.title}>
        <Input name="title" required defaultValue={state.values?.title} />
      </Field>
      <Field label="Starts at" errors={state.fields?.startsAt}>
        <Input name="startsAt" type="datetime-local" required defaultValue={state.values?.startsAt} />
      </Field>
      <Field label="Time zone" errors={state.fields?.timeZone}>
        {/* Remounted once the browser's zone is known: the server cannot know it. */}
        <Select
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
        </Select>
      </Field>
      <Field label="Venue" errors={state.fields?.venue}>
        <Input name="venue" defaultValue={state.values?.venue} />
      </Field>
      <Field label="Capacity (optional)" errors={state.fields?.capacity}>
        <Input name="capacity" type="number" min={1} defaultValue={state.values?.capacity} />
      </Field>
      <Field label="Artist (optional)" errors={state.fields?.artistId}>
        <Select name="artistId" defaultValue={state.values?.artistId ?? ""}>
          <option value="">—</option>
          {artists.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Description" errors={state.fields?.description}>
        <Textarea name="description" rows={4} defaultValue={state.values?.description} />
      </Field>
      <div>
        <SubmitButton pendingLabel="Creating…">Create event</SubmitButton>
      </div>
    </form>
  );
}
