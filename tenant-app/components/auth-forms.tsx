"use client";

import type { ActionResult } from "@mw/core/transport";
import { Field, FormMessage } from "@mw/core/ui";
import { useActionState } from "react";
import { magicLinkAction, signInAction, signUpAction } from "../app/t/[tenantId]/(auth)/actions";

const initial: ActionResult = { ok: true };

export function SignInForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState(signInAction, initial);
  return (
    <form action={action} className="mw-form" aria-label="Sign in with password">
      <FormMessage state={state} />
      <input type="hidden" name="next" value={next} />
      <Field label="E-mail" name="email" state={state}>
        <input name="email" type="email" autoComplete="email" required defaultValue={state.values?.email} />
      </Field>
      <Field label="Password" name="password" state={state}>
        <input name="password" type="password" autoComplete="current-password" required />
      </Field>
      <button className="mw-button" type="submit" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}

export function MagicLinkForm() {
  const [state, action, pending] = useActionState(magicLinkAction, initial);
  return (
    <form action={action} className="mw-form" aria-label="Sign in with an e-mailed link">
      <FormMessage state={state} />
      <Field label="E-mail" name="email" state={state}>
        <input name="email" type="email" autoComplete="email" required defaultValue={state.values?.email} />
      </Field>
      <button className="mw-button secondary" type="submit" disabled={pending}>
        {pending ? "Sending…" : "E-mail me a sign-in link"}
      </button>
    </form>
  );
}

export function SignUpForm() {
  const [state, action, pending] = useActionState(signUpAction, initial);
  // Done: the next step is in the mailbox, and the form would only invite a second try.
  if (state.ok && state.message) return <FormMessage state={state} />;
  return (
    <form action={action} className="mw-form" aria-label="Create your account">
      <FormMessage state={state} />
      <Field label="Name" name="name" state={state}>
        <input name="name" autoComplete="name" required defaultValue={state.values?.name} />
      </Field>
      <Field label="E-mail" name="email" state={state}>
        <input name="email" type="email" autoComplete="email" required defaultValue={state.values?.email} />
      </Field>
      <Field label="Password (at least 10 characters)" name="password" state={state}>
        <input name="password" type="password" autoComplete="new-password" required minLength={10} />
      </Field>
      <button className="mw-button" type="submit" disabled={pending}>
        {pending ? "Creating your account…" : "Create account"}
      </button>
    </form>
  );
}
