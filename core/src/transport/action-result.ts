import { DomainError, ValidationError } from "../errors";
import { log } from "../observability/log";
import { safeNextPath } from "../validation/safe-next";

/** What a form's server action returns to the page: field errors, a message, and the typed values. */
export interface ActionResult {
  ok: boolean;
  message?: string;
  fields?: Record<string, string[]>;
  /** What the user typed, echoed back so a failed form keeps its values (never passwords). */
  values?: Record<string, string>;
}

/**
 * Domain errors become what the user sees; anything else is logged and shown generically.
 * Callers first hand the error to Next's `unstable_rethrow`, so redirects and not-found pass.
 */
export function toActionResult(err: unknown, values?: Record<string, string>): ActionResult {
  const echo = values ? { values } : {};
  if (err instanceof ValidationError) {
    return { ok: false, message: "Please correct the highlighted fields.", fields: err.fields, ...echo };
  }
  if (err instanceof DomainError) return { ok: false, message: err.message, ...echo };
  log.error({ err }, "server action failed");
  return { ok: false, message: "Something went wrong on our side. Please try again.", ...echo };
}

/**
 * Where a sign-in goes next: a same-origin path (see `safeNextPath`), else `fallback`. `within`
 * keeps it under a prefix (the console's `next` stays inside `/console`).
 */
export function safeNext(
  raw: FormDataEntryValue | string | null | undefined,
  fallback: string,
  within?: string,
): string {
  return safeNextPath(raw, within === undefined ? { fallback } : { fallback, within });
}

export function formValues(form: FormData, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) {
    const v = form.get(k);
    if (typeof v === "string") out[k] = v;
  }
  return out;
}
