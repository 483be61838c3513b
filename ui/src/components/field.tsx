"use client";

import { createContext, type ReactNode, useContext, useId } from "react";
import { cn } from "../cn";

interface FieldState {
  id: string;
  describedBy: string | undefined;
  invalid: boolean;
}

const FieldContext = createContext<FieldState | null>(null);

/**
 * The control inside a Field (Input, Textarea, Select) takes its id, `aria-invalid` and
 * `aria-describedby` from here, so an error is always announced with the input it belongs to.
 */
export function useFieldControl(props: { id?: string; "aria-describedby"?: string; "aria-invalid"?: unknown }) {
  const field = useContext(FieldContext);
  if (!field) return {};
  const describedBy = [props["aria-describedby"], field.describedBy].filter(Boolean).join(" ") || undefined;
  return {
    id: props.id ?? field.id,
    "aria-describedby": describedBy,
    ...(field.invalid ? { "aria-invalid": true as const } : {}),
  };
}

/**
 * A label, one control, an optional hint and the field's errors (one line per distinct message).
 * `errors` is what the server action returned for this field.
 */
export function Field({
  label,
  hint,
  errors,
  id,
  className,
  children,
  optional,
}: {
  label: ReactNode;
  hint?: ReactNode;
  errors?: readonly string[] | undefined;
  id?: string;
  className?: string;
  optional?: boolean;
  children: ReactNode;
}) {
  const generated = useId();
  const fieldId = id ?? `f${generated.replace(/[^a-zA-Z0-9_-]/g, "")}`;
  const distinct = [...new Set(errors ?? [])];
  const hintId = hint ? `${fieldId}-hint` : undefined;
  const errorId = distinct.length > 0 ? `${fieldId}-error` : undefined;
  const state: FieldState = {
    id: fieldId,
    describedBy: [hintId, errorId].filter(Boolean).join(" ") || undefined,
    invalid: distinct.length > 0,
  };
  return (
    <FieldContext.Provider value={state}>
      <div data-slot="field" className={cn("grid gap-1.5", className)}>
        <label htmlFor={fieldId} className="font-medium text-foreground text-sm">
          {label}
          {optional ? <span className="ml-1 font-normal text-muted-foreground">(optional)</span> : null}
        </label>
        {children}
        {hint ? (
          <p id={hintId} className="text-muted-foreground text-xs">
            {hint}
          </p>
        ) : null}
        {errorId ? (
          <p id={errorId} className="text-danger text-xs">
            {distinct.join(" ")}
          </p>
        ) : null}
      </div>
    </FieldContext.Provider>
  );
}
