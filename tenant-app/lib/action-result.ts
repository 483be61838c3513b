import { DomainError, ValidationError } from "@mw/core/errors";
import { isRedirectError } from "next/dist/client/components/redirect-error";

export interface ActionResult {
  ok: boolean;
  message?: string;
  fields?: Record<string, string[]>;
  /** What the user typed, echoed back so a failed form keeps its values (never passwords). */
  values?: Record<string, string>;
}

/** Domain errors become what the user sees; anything else is logged and shown generically. */
export function toActionResult(err: unknown, values?: Record<string, string>): ActionResult {
  if (isRedirectError(err)) throw err;
  if (err instanceof ValidationError) {
    return {
      ok: false,
      message: "Please correct the highlighted fields.",
      fields: err.fields,
      ...(values ? { values } : {}),
    };
  }
  if (err instanceof DomainError) return { ok: false, message: err.message, ...(values ? { values } : {}) };
  console.error("[runtime] action failed", err);
  return { ok: false, message: "Something went wrong on our side. Please try again.", ...(values ? { values } : {}) };
}

/** Only same-site relative paths: `next=//evil.example` or `next=https://…` become "/". */
export function safeNext(raw: FormDataEntryValue | string | null | undefined, fallback = "/artists"): string {
  const v = typeof raw === "string" ? raw : "";
  return v.startsWith("/") && !v.startsWith("//") && !v.startsWith("/\\") ? v : fallback;
}

export function formValues(form: FormData, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) {
    const v = form.get(k);
    if (typeof v === "string") out[k] = v;
  }
  return out;
}
