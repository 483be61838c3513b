"use client";

import type { ActionResult } from "@mw/core/transport";
import { Field } from "@mw/ui/field";
import { Input } from "@mw/ui/input";
import { SubmitButton } from "@mw/ui/submit-button";
import { useActionState } from "react";
import { acceptInvitationAction } from "../app/t/[tenantId]/(auth)/actions";
import { FormStatus } from "./form-status";

export function AcceptInvitationForm({ token, email }: { token: string; email: string }) {
  const [state, action] = useActionState(acceptInvitationAction, { ok: true } as ActionResult);
  return (
    <form action={action} className="grid max-w-md gap-4" aria-label="Accept invitation">
      <FormStatus state={state} />
      <input type="hidden" name="token" value={token} />
      <p className="text-muted-foreground">
        You are joining as <strong className="text-foreground">{email}</strong>.
      </p>
      <Field label="Your name" errors={state.fields?.name}>
        <Input name="name" autoComplete="name" required defaultValue={state.values?.name} />
      </Field>
      <Field label="Choose a password (at least 10 characters)" errors={state.fields?.password}>
        <Input name="password" type="password" autoComplete="new-password" required minLength={10} />
      </Field>
      <div>
        <SubmitButton pendingLabel="Joining…">Accept invitation</SubmitButton>
      </div>
    </form>
  );
}
