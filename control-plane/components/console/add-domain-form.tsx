"use client";

import type { ActionResult } from "@mw/core/transport";
import { Field, FormMessage } from "@mw/core/ui";
import { useActionState } from "react";
import { addDomainAction } from "../../app/console/(admin)/domains/actions";

export function AddDomainForm() {
  const [state, action, pending] = useActionState(addDomainAction, { ok: true } as ActionResult);
  return (
    <form action={action} className="ac-form ac-inline-form" aria-label="Add a custom domain">
      <FormMessage state={state} />
      <Field label="Domain name" name="hostname" state={state}>
        <input
          name="hostname"
          placeholder="music.example.com"
          required
          spellCheck={false}
          autoCapitalize="none"
          defaultValue={state.ok ? "" : state.values?.hostname}
          key={state.ok ? state.message : "retry"}
        />
      </Field>
      <button className="ac-button" type="submit" disabled={pending}>
        {pending ? "Adding…" : "Add domain"}
      </button>
    </form>
  );
}
