import "server-only";
import { ForbiddenError, NotFoundError } from "@mw/core/errors";
import { type ActionResult, toActionResult } from "@mw/core/transport";
import { forbidden, notFound, unstable_rethrow } from "next/navigation";

/**
 * A refused action answers with a 4xx, never a 500 (issue 7.12): forbidden is 403 and a missing
 * record 404 through Next's `forbidden()`/`notFound()`; any other refusal is the form's message.
 */
export function refusalResult(err: unknown, values?: Record<string, string>): ActionResult {
  unstable_rethrow(err);
  if (err instanceof ForbiddenError) forbidden();
  if (err instanceof NotFoundError) notFound();
  return toActionResult(err, values);
}
