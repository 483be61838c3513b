"use client";

import type { ActionResult } from "@mw/core/transport";
import { AlertDialog as A } from "radix-ui";
import { type ReactNode, useActionState, useEffect, useId, useState } from "react";
import { cn } from "../cn";
import { Alert } from "./alert";
import { type ButtonProps, buttonVariants } from "./button";
import { overlayClass } from "./dialog";
import { Input } from "./input";
import { SubmitButton } from "./submit-button";
import { useActionToast } from "./toast";

type Action = (prev: ActionResult, form: FormData) => Promise<ActionResult>;

/**
 * A destructive (or weighty) action behind an alert dialog: the trigger opens it, the dialog says
 * what will happen, and only its confirm button submits the server action. With `typeToConfirm`
 * the confirm button stays disabled until that exact text is typed (offboarding a tenant). The
 * dialog stays open while the action runs and shows a refusal inside; success closes it and
 * toasts. The confirmation is a courtesy: the verb behind it checks permission and preconditions.
 */
export function ConfirmAction({
  action,
  fields,
  label,
  title,
  description,
  confirmLabel,
  pendingLabel,
  typeToConfirm,
  success,
  variant = "danger-outline",
  size = "sm",
  disabled,
  children,
}: {
  action: Action;
  fields: Record<string, string>;
  label: ReactNode;
  title: ReactNode;
  description: ReactNode;
  confirmLabel: string;
  pendingLabel?: string;
  typeToConfirm?: string;
  success?: string;
  variant?: ButtonProps["variant"];
  size?: ButtonProps["size"];
  disabled?: boolean;
  /** More fields inside the dialog (a reason to record). */
  children?: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const [state, formAction] = useActionState(action, { ok: true } as ActionResult);
  const [submitted, setSubmitted] = useState<ActionResult | null>(null);
  const confirmId = useId();
  useActionToast(state, success ? { success } : {});
  useEffect(() => {
    // A new result after a submit: close on success, stay open (with the reason) on refusal.
    if (submitted !== null && state !== submitted && state.ok) setOpen(false);
  }, [state, submitted]);
  const refused = submitted !== null && state !== submitted && !state.ok ? state : null;
  return (
    <A.Root
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) {
          setTyped("");
          setSubmitted(null);
        }
      }}
    >
      <A.Trigger className={buttonVariants({ variant, size })} disabled={disabled}>
        {label}
      </A.Trigger>
      <A.Portal>
        <A.Overlay className={overlayClass} />
        <A.Content className="fixed top-1/2 left-1/2 z-50 grid max-h-[calc(100dvh-2rem)] w-[calc(100vw-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 gap-4 overflow-y-auto rounded-xl border border-border/40 bg-surface p-6 text-surface-foreground shadow-xl">
          <div className="space-y-1.5">
            <A.Title className="font-semibold text-lg">{title}</A.Title>
            <A.Description className="text-muted-foreground text-sm">{description}</A.Description>
          </div>
          <form action={formAction} onSubmit={() => setSubmitted(state)} className="grid gap-4">
            {Object.entries(fields).map(([k, v]) => (
              <input key={k} type="hidden" name={k} value={v} />
            ))}
            {children}
            {typeToConfirm ? (
              <div className="grid gap-1.5">
                <label htmlFor={confirmId} className="text-sm">
                  Type <strong className="font-mono">{typeToConfirm}</strong> to confirm
                </label>
                <Input
                  id={confirmId}
                  name="confirmation"
                  autoComplete="off"
                  spellCheck={false}
                  value={typed}
                  onChange={(e) => setTyped(e.target.value)}
                />
              </div>
            ) : null}
            {refused?.message ? <Alert tone="danger">{refused.message}</Alert> : null}
            <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
              <A.Cancel className={cn(buttonVariants({ variant: "outline" }))}>Cancel</A.Cancel>
              <SubmitButton
                variant={variant === "primary" || variant === "outline" ? "primary" : "danger"}
                disabled={typeToConfirm !== undefined && typed !== typeToConfirm}
                {...(pendingLabel ? { pendingLabel } : {})}
              >
                {confirmLabel}
              </SubmitButton>
            </div>
          </form>
        </A.Content>
      </A.Portal>
    </A.Root>
  );
}
