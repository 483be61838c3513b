import { type ActionResult, toActionResult as toResult } from "@mw/core/transport";
import { unstable_rethrow } from "next/navigation";

export { type ActionResult, formValues } from "@mw/core/transport";

import { safeNext as safe } from "@mw/core/transport";

/** Redirects and not-found thrown inside an action pass through; everything else becomes a result. */
export function toActionResult(err: unknown, values?: Record<string, string>): ActionResult {
  unstable_rethrow(err);
  return toResult(err, values);
}

export const safeNext = (raw: FormDataEntryValue | string | null | undefined, fallback = "/artists") =>
  safe(raw, fallback);
