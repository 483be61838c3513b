"use client";

import type { ActionResult } from "@mw/core/transport";
import type { ButtonProps } from "@mw/ui/button";
import { ConfirmAction } from "@mw/ui/confirm-action";
import { SubmitButton } from "@mw/ui/submit-button";
import { useActionToast } from "@mw/ui/toast";
import { useActionState } from "react";

type Action = (prev: ActionResult, form: FormData) => Promise<ActionResult>;

/** What a destructive action's dialog says before it runs. */
export interface Confirmation {
  title: string;
  description: string;
  confirmLabel: string;
}

/**
 * One button bound to one server action (check now, make primary, revoke, remove, roll back…); the
 * outcome is a toast. Destructive ones (`confirm`) open an alert dialog first and show a refusal
 * inside it; the confirmation is a courtesy, the verb behind it still checks permission and
 * preconditions.
 */
export function ActionButton({
  action,
  fields,
  label,
  pendingLabel,
  confirm,
  success,
  variant = "outline",
  disabled,
  title,
}: {
  action: Action;
  fields: Record<string, string>;
  label: string;
  pendingLabel?: string;
  confirm?: Confirmation;
  success?: string;
  variant?: ButtonProps["variant"];
  disabled?: boolean;
  title?: string;
}) {
  if (confirm) {
    return (
      <ConfirmAction
        action={action}
        fields={fields}
        label={label}
        variant={variant}
        {...confirm}
        {...(pendingLabel ? { pendingLabel } : {})}
        {...(success ? { success } : {})}
        {...(disabled ? { disabled } : {})}
      />
    );
  }
  return (
    <PlainAction
      action={action}
      fields={fields}
      label={label}
      variant={variant}
      {...(pendingLabel ? { pendingLabel } : {})}
      {...(success ? { success } : {})}
      {...(disabled ? { disabled } : {})}
      {...(title ? { title } : {})}
    />
  );
}

function PlainAction({
  action,
  fields,
  label,
  pendingLabel,
  success,
  variant,
  disabled,
  title,
}: {
  action: Action;
  fields: Record<string, string>;
  label: string;
  pendingLabel?: string;
  success?: string;
  variant: ButtonProps["variant"];
  disabled?: boolean;
  title?: string;
}) {
  const [state, formAction] = useActionState(action, { ok: true } as ActionResult);
  useActionToast(state, success ? { success } : {});
  return (
    <form action={formAction}>
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <SubmitButton
        variant={variant}
        size="sm"
        disabled={disabled}
        title={title}
        {...(pendingLabel ? { pendingLabel } : {})}
      >
        {label}
      </SubmitButton>
    </form>
  );
}
