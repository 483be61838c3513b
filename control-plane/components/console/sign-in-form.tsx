"use client";

import type { ActionResult } from "@mw/core/transport";
import { Field, FormMessage } from "@mw/core/ui";
import { useActionState } from "react";
import { signInAction } from "../../app/console/(auth)/actions";

const initial: ActionResult = { ok: true };

/** `org`: the organization is known (a link from its site or e-mails), so its slug is not asked for. */
export function SignInForm({ next, org }: { next: string; org: { slug: string; name: string } | null }) {
  const [state, action, pending] = useActionState(signInAction, initial);
  return (
    <form action={action} className="ac-form" aria-label="Sign in to the admin console">
      <FormMessage state={state} />
      <input type="hidden" name="next" value={next} />
      {org ? (
        <>
          <input type="hidden" name="slug" value={org.slug} />
          <p className="ac-muted" data-testid="sign-in-organization">
            Organization: <strong>{org.name}</strong>
          </p>
        </>
      ) : (
        <Field label="Organization slug" name="slug" state={state}>
          <input
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
      <Field label="E-mail" name="email" state={state}>
        <input name="email" type="email" autoComplete="email" required defaultValue={state.values?.email} />
      </Field>
      <Field label="Password" name="password" state={state}>
        <input name="password" type="password" autoComplete="current-password" required />
      </Field>
      <button className="ac-button" type="submit" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
