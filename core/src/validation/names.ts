import { z } from "zod";
import { findUnsafeChar, type TextPolicy, unsafeCharMessage } from "./text-safety";

/**
 * A refinement for any human-entered text field: refuses the characters `text-safety` lists, with
 * a message naming the field and the character. Add it after trim / length checks.
 */
export function rejectUnsafeText(field: string, policy: TextPolicy = "name") {
  return (value: string, ctx: z.RefinementCtx) => {
    const issue = findUnsafeChar(value, policy);
    if (issue) ctx.addIssue({ code: "custom", message: `${field} ${unsafeCharMessage(issue)}` });
  };
}

/** A required one-line display name (tenant, person, role, artist): trimmed, bounded, nothing invisible. */
export function displayName(field: string, max: number) {
  return z
    .string()
    .trim()
    .min(1, `${field} is required`)
    .max(max, `${field} must be at most ${max} characters`)
    .superRefine(rejectUnsafeText(field));
}

/** Optional one-line text (a genre, a venue); empty is allowed. */
export function lineText(field: string, max: number) {
  return z.string().trim().max(max, `${field} must be at most ${max} characters`).superRefine(rejectUnsafeText(field));
}

/** Free text over several lines (a bio, a description): line breaks allowed, direction controls not. */
export function multilineText(field: string, max: number) {
  return z
    .string()
    .trim()
    .max(max, `${field} must be at most ${max} characters`)
    .superRefine(rejectUnsafeText(field, "multiline"));
}
