"use client";

import type { ActionResult } from "@mw/core/transport";
import { Field, FormMessage } from "@mw/core/ui";
import { useActionState } from "react";
import { acceptInvitationAction } from "../app/t/[tenantId]/(auth)/actions";

export function AcceptInvitationForm({ token, email }: { token: string; email: string }) {
  const [state, action, pending] = useActionState(acceptInvitationAction, { ok: true } as ActionResult);
  return (
    <form action={action} className="mw-form" aria-label="Accept invitation">
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <p className="mw-muted">
        You are joining as <strong>{email}</strong>.
      </p>
      <Field label="Your name" name="name" state={state}>
        <input name="name" autoComplete="name" required defaultValue={state.values?.name} />
      </Field>
      <Field label="Choose a password (at least 10 characters)" name="password" state={state}>
        <input name="password" type="password" autoComplete="new-password" required minLength={10} />
      </Field>
      <button className="mw-button" type="submit" disabled={pending}>
        {pending ? "Joining…" : "Accept invitation"}
      </button>
    </form>
  );
}
