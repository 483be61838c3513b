import { ForbiddenError, NotFoundError } from "@mw/core/errors";
import { type ActionResult, toActionResult as toResult } from "@mw/core/transport";
import { forbidden, notFound, unstable_rethrow } from "next/navigation";

export { type ActionResult, formValues } from "@mw/core/transport";

import { safeNext as safe } from "@mw/core/transport";

/** Redirects and not-found thrown inside an action pass through; everything else becomes a result. */
export function toActionResult(err: unknown, values?: Record<string, string>): ActionResult {
  unstable_rethrow(err);
  return toResult(err, values);
}

/**
 * A refused action answers with a 4xx, never a 500 (issue 7.12). Forbidden is 403 and a missing
 * record 404, through Next's `forbidden()`/`notFound()` — the only error statuses a Server Action
 * can answer with — whose branded page the form's `useActionState` shows in place of the page.
 * Any other refusal (the event is full, has started) is the form's message, as in `toActionResult`.
 */
export function refusalResult(err: unknown, values?: Record<string, string>): ActionResult {
  unstable_rethrow(err);
  if (err instanceof ForbiddenError) forbidden();
  if (err instanceof NotFoundError) notFound();
  return toResult(err, values);
}

export const safeNext = (raw: FormDataEntryValue | string | null | undefined, fallback = "/artists") =>
  safe(raw, fallback);
