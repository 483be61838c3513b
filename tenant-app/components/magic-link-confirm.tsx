"use client";

import type { ActionResult } from "@mw/core/transport";
import { SubmitButton } from "@mw/ui/submit-button";
import { useActionState } from "react";
import { redeemMagicLinkAction } from "../app/t/[tenantId]/(auth)/actions";
import { FormStatus } from "./form-status";

export function MagicLinkConfirm({ token, tenantName }: { token: string; tenantName: string }) {
  const [state, action] = useActionState(redeemMagicLinkAction, { ok: true } as ActionResult);
  return (
    <form action={action} className="grid gap-4" aria-label="Confirm sign-in">
      <FormStatus state={state} />
      <input type="hidden" name="token" value={token} />
      <div>
        <SubmitButton pendingLabel="Signing in…">{`Sign in to ${tenantName}`}</SubmitButton>
      </div>
    </form>
  );
}
