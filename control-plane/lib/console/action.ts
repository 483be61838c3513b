import "server-only";
import { type ActionResult, toActionResult } from "@mw/core/transport";
import { refresh } from "next/cache";
import { unstable_rethrow } from "next/navigation";

/**
 * The shape every console action shares: run the verb, re-render the page on success (the page
 * reads its data fresh per request, so refreshing the router is enough), and map errors to what
 * the form shows. Next's own control-flow errors (redirect, notFound) pass through untouched.
 */
export async function runAction(
  values: Record<string, string>,
  fn: () => Promise<string | ActionResult | undefined>,
): Promise<ActionResult> {
  try {
    const out = await fn();
    refresh();
    if (typeof out === "string") return { ok: true, message: out };
    return out ?? { ok: true };
  } catch (err) {
    unstable_rethrow(err);
    return toActionResult(err, values);
  }
}

/** A form field as a trimmed string ("" when absent or a file). */
export function field(form: FormData, name: string): string {
  const v = form.get(name);
  return typeof v === "string" ? v.trim() : "";
}

/** Every value of a repeated field (checkbox groups), de-duplicated. */
export function fieldList(form: FormData, name: string): string[] {
  return [...new Set(form.getAll(name).filter((v): v is string => typeof v === "string" && v.length > 0))];
}
