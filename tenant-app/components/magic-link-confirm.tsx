"use client";

import type { ActionResult } from "@mw/core/transport";
import { FormMessage } from "@mw/core/ui";
import { useActionState } from "react";
import { redeemMagicLinkAction } from "../app/t/[tenantId]/(auth)/actions";

export function MagicLinkConfirm({ token, tenantName }: { token: string; tenantName: string }) {
  const [state, action, pending] = useActionState(redeemMagicLinkAction, { ok: true } as ActionResult);
  return (
    <form action={action} className="mw-form" aria-label="Confirm sign-in">
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <button className="mw-button" type="submit" disabled={pending}>
        {pending ? "Signing in…" : `Sign in to ${tenantName}`}
      </button>
    </form>
  );
}
