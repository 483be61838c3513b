"use client";

import type { ActionResult } from "@mw/core/transport";
import { FormMessage } from "@mw/core/ui";
import { useActionState } from "react";
import { confirmSignUpAction } from "../app/t/[tenantId]/(auth)/actions";

/** One click finishes a sign-up: a POST, so mail scanners that prefetch the link change nothing. */
export function SignUpConfirm({ token, tenantName }: { token: string; tenantName: string }) {
  const [state, action, pending] = useActionState(confirmSignUpAction, { ok: true } as ActionResult);
  return (
    <form action={action} className="mw-form" aria-label="Confirm sign-up">
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <button className="mw-button" type="submit" disabled={pending}>
        {pending ? "Creating your account…" : `Create my ${tenantName} account`}
      </button>
    </form>
  );
}
