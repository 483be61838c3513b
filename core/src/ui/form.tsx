import type { ReactNode } from "react";
import type { ActionResult } from "../transport/action-result";

/** A labelled input whose server-side field errors are shown under it and announced. */
export function Field({
  label,
  name,
  state,
  children,
}: {
  label: string;
  name: string;
  state: ActionResult;
  children: ReactNode;
}) {
  const errors = state.fields?.[name];
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is passed in as children
    <label>
      {label}
      {children}
      {errors?.map((e) => (
        <span key={e} className="mw-field-error" role="alert" data-field-error={name}>
          {e}
        </span>
      ))}
    </label>
  );
}

export function FormMessage({ state }: { state: ActionResult }) {
  if (!state.message) return null;
  return (
    <div className={`mw-alert${state.ok ? "" : " error"}`} role={state.ok ? "status" : "alert"}>
      {state.message}
    </div>
  );
}
