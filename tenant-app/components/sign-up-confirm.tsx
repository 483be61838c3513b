"use client";

import type { ActionResult } from "@mw/core/transport";
import { SubmitButton } from "@mw/ui/submit-button";
import { useActionState } from "react";
import { confirmSignUpAction } from "../app/t/[tenantId]/(auth)/actions";
import { FormStatus } from "./form-status";

/** One click finishes a sign-up: a POST, so mail scanners that prefetch the link change nothing. */
export function SignUpConfirm({ token, tenantName }: { token: string; tenantName: string }) {
  const [state, action] = useActionState(confirmSignUpAction, { ok: true } as ActionResult);
  return (
    <form action={action} className="grid gap-4" aria-label="Confirm sign-up">
      <FormStatus state={state} />
      <input type="hidden" name="token" value={token} />
      <div>
        <SubmitButton pendingLabel="Creating your account…">{`Create my ${tenantName} account`}</SubmitButton>
      </div>
    </form>
  );
}
