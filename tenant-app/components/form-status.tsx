"use client";

import type { ActionResult } from "@mw/core/transport";
import { Alert } from "@mw/ui/alert";

/** The form's outcome in one place: a refusal as an alert, a success (a next step) as a status. */
export function FormStatus({ state }: { state: ActionResult }) {
  if (!state.message) return null;
  return <Alert tone={state.ok ? "success" : "danger"}>{state.message}</Alert>;
}
