"use client";

import type { ActionResult } from "@mw/core/transport";
import { Field } from "@mw/ui/field";
import { Input } from "@mw/ui/input";
import { SubmitButton } from "@mw/ui/submit-button";
import { useActionState } from "react";
import { magicLinkAction, signInAction, signUpAction } from "../app/t/[tenantId]/(auth)/actions";
import { FormStatus } from "./form-status";

const initial: ActionResult = { ok: true };
const formClass = "grid gap-4";

export function SignInForm({ next }: { next: string }) {
  const [state, action] = useActionState(signInAction, initial);
  return (
    <form action={action} className={formClass} aria-label="Sign in with password">
      <FormStatus state={state} />
      <input type="hidden" name="next" value={next} />
      <Field label="E-mail" errors={state.fields?.email}>
        <Input name="email" type="email" autoComplete="email" required defaultValue={state.values?.email} />
      </Field>
      <Field label="Password" errors={state.fields?.password}>
        <Input name="password" type="password" autoComplete="current-password" required />
      </Field>
      <div>
        <SubmitButton pendingLabel="Signing in…">Sign in</SubmitButton>
      </div>
    </form>
  );
}

export function MagicLinkForm() {
  const [state, action] = useActionState(magicLinkAction, initial);
  return (
    <form action={action} className={formClass} aria-label="Sign in with an e-mailed link">
      <FormStatus state={state} />
      <Field label="E-mail" errors={state.fields?.email}>
        <Input name="email" type="email" autoComplete="email" required defaultValue={state.values?.email} />
      </Field>
      <div>
        <SubmitButton variant="secondary" pendingLabel="Sending…">
          E-mail me a sign-in link
        </SubmitButton>
      </div>
    </form>
  );
}

export function SignUpForm() {
  const [state, action] = useActionState(signUpAction, initial);
  // Done: the next step is in the mailbox, and the form would only invite a second try.
  if (state.ok && state.message) return <FormStatus state={state} />;
  return (
    <form action={action} className={formClass} aria-label="Create your account">
      <FormStatus state={state} />
      <Field label="Name" errors={state.fields?.name}>
        <Input name="name" autoComplete="name" required defaultValue={state.values?.name} />
      </Field>
      <Field label="E-mail" errors={state.fields?.email}>
        <Input name="email" type="email" autoComplete="email" required defaultValue={state.values?.email} />
      </Field>
      <Field label="Password (at least 10 characters)" errors={state.fields?.password}>
        <Input name="password" type="password" autoComplete="new-password" required minLength={10} />
      </Field>
      <div>
        <SubmitButton pendingLabel="Creating your account…">Create account</SubmitButton>
      </div>
    </form>
  );
}
