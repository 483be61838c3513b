"use client";

import type { ActionResult } from "@mw/core/transport";
import { useActionState } from "react";

type Action = (prev: ActionResult, form: FormData) => Promise<ActionResult>;

/**
 * One button bound to one server action (revoke, remove, roll back, check now…), with the action's
 * outcome shown beside it. Destructive ones ask first; the confirmation is a courtesy, the verb
 * behind it still checks permission and preconditions.
 */
export function ActionButton({
  action,
  fields,
  label,
  pendingLabel,
  confirm,
  variant = "secondary",
  disabled,
  title,
}: {
  action: Action;
  fields: Record<string, string>;
  label: string;
  pendingLabel?: string;
  confirm?: string;
  variant?: "primary" | "secondary" | "danger" | "ghost";
  disabled?: boolean;
  title?: string;
}) {
  const [state, formAction, pending] = useActionState(action, { ok: true } as ActionResult);
  return (
    <form
      action={formAction}
      className="ac-action"
      onSubmit={(e) => {
        if (confirm && !window.confirm(confirm)) e.preventDefault();
      }}
    >
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <button
        type="submit"
        className={`ac-button small ${variant === "primary" ? "" : variant}`}
        disabled={pending || disabled}
        title={title}
      >
        {pending ? (pendingLabel ?? `${label}…`) : label}
      </button>
      {state.message ? (
        <span className={`ac-action-message${state.ok ? "" : " error"}`} role={state.ok ? "status" : "alert"}>
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
