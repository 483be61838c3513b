"use client";

import type { ActionResult } from "@mw/core/transport";
import { Field } from "@mw/ui/field";
import { Input } from "@mw/ui/input";
import { SubmitButton } from "@mw/ui/submit-button";
import { useActionToast } from "@mw/ui/toast";
import { useActionState } from "react";
import { addDomainAction } from "../../app/console/(admin)/domains/actions";

export function AddDomainForm() {
  const [state, action] = useActionState(addDomainAction, { ok: true } as ActionResult);
  useActionToast(state);
  return (
    <form
      action={action}
      className="flex flex-col gap-3 sm:flex-row sm:items-start"
      aria-label="Add a custom domain"
      noValidate
    >
      <Field label="Domain name" errors={state.fields?.hostname} className="min-w-0 flex-1 sm:max-w-sm">
        <Input
          name="hostname"
          placeholder="music.example.com"
          required
          spellCheck={false}
          autoCapitalize="none"
          defaultValue={state.ok ? "" : state.values?.hostname}
          key={state.ok ? state.message : "retry"}
        />
      </Field>
      <SubmitButton pendingLabel="Adding…" className="sm:mt-6">
        Add domain
      </SubmitButton>
    </form>
  );
}
