"use client";

import type { ActionResult } from "@mw/core/transport";
import { Field, FormMessage } from "@mw/core/ui";
import { useActionState } from "react";
import { renameOrganizationAction } from "../../app/console/(admin)/actions";

export function OrganizationNameForm({ name }: { name: string }) {
  const [state, action, pending] = useActionState(renameOrganizationAction, { ok: true } as ActionResult);
  return (
    <form action={action} className="ac-form ac-inline-form">
      <FormMessage state={state} />
      <Field label="Name" name="name" state={state}>
        <input name="name" required maxLength={80} defaultValue={state.values?.name ?? name} />
      </Field>
      <button className="ac-button" type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save name"}
      </button>
    </form>
  );
}
