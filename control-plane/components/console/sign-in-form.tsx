"use client";

import type { ActionResult } from "@mw/core/transport";
import { Alert } from "@mw/ui/alert";
import { Field } from "@mw/ui/field";
import { Input } from "@mw/ui/input";
import { SubmitButton } from "@mw/ui/submit-button";
import { useActionState } from "react";
import { signInAction } from "../../app/console/(auth)/actions";

const initial: ActionResult = { ok: true };

/**
 * `org`: the organization is known (a link from its site or e-mails), so its slug is not asked for.
 * A refused sign-in is said inside the form (not a toast): it is the page's one outcome.
 */
export function SignInForm({ next, org }: { next: string; org: { slug: string; name: string } | null }) {
  const [state, action] = useActionState(signInAction, initial);
  return (
    <form action={action} className="grid gap-4" aria-label="Sign in to the admin console">
      {!state.ok && state.message ? <Alert tone="danger">{state.message}</Alert> : null}
      <input type="hidden" name="next" value={next} />
      {org ? (
        <>
          <input type="hidden" name="slug" value={org.slug} />
          <p className="text-muted-foreground text-sm" data-testid="sign-in-organization">
            Organization: <strong className="font-semibold text-foreground">{org.name}</strong>
          </p>
        </>
      ) : (
        <Field label="Organization slug" errors={state.fields?.slug}>
          <Input
            name="slug"
            autoComplete="organization"
            placeholder="acme"
            required
            spellCheck={false}
            autoCapitalize="none"
            defaultValue={state.values?.slug}
          />
        </Field>
      )}
      <Field label="E-mail" errors={state.fields?.email}>
        <Input name="email" type="email" autoComplete="email" required defaultValue={state.values?.email} />
      </Field>
      <Field label="Password" errors={state.fields?.password}>
        <Input name="password" type="password" autoComplete="current-password" required />
      </Field>
      <SubmitButton pendingLabel="Signing in…" className="w-full">
        Sign in
      </SubmitButton>
    </form>
  );
}
