"use client";

import type { ActionResult } from "@mw/core/transport";
import { Field } from "@mw/ui/field";
import { Input } from "@mw/ui/input";
import { SubmitButton } from "@mw/ui/submit-button";
import { useActionToast } from "@mw/ui/toast";
import { useActionState } from "react";
import { renameOrganizationAction } from "../../app/console/(admin)/actions";

export function OrganizationNameForm({ name }: { name: string }) {
  const [state, action] = useActionState(renameOrganizationAction, { ok: true } as ActionResult);
  useActionToast(state, { success: "Name saved." });
  return (
    <form action={action} className="flex flex-col gap-3 sm:flex-row sm:items-start">
      <Field label="Name" errors={state.fields?.name} className="min-w-0 flex-1 sm:max-w-sm">
        <Input name="name" required maxLength={80} defaultValue={state.values?.name ?? name} />
      </Field>
      <SubmitButton pendingLabel="Saving…" className="sm:mt-6">
        Save name
      </SubmitButton>
    </form>
  );
}
