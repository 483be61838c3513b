import { z } from "zod";
import { ResendApiError, resendErrors } from "./errors";

/**
 * Failure injection: the next `times` requests matching `path` (and `method`, when given) wait
 * `delayMs` and/or fail with `status` and the body Resend sends for that status.
 */
export const FailureSpec = z
  .strictObject({
    /** Exact request path, e.g. `/emails`. */
    path: z.string().startsWith("/"),
    /** Any method when omitted. */
    method: z.enum(["GET", "POST", "PATCH", "PUT", "DELETE"]).optional(),
    status: z.number().int().min(400).max(599).optional(),
    times: z.number().int().min(1).max(10_000).default(1),
    /** Hold the response this long first (timeouts); alone, the request then proceeds normally. */
    delayMs: z.number().int().min(0).max(600_000).optional(),
  })
  .refine((spec) => spec.status !== undefined || spec.delayMs !== undefined, {
    error: "give a status, a delayMs, or both",
  });

export type FailureSpec = z.input<typeof FailureSpec>;
type FailureRule = z.output<typeof FailureSpec>;

export class FailureInjector {
  #rules: FailureRule[] = [];

  add(spec: FailureSpec): FailureRule {
    const rule = FailureSpec.parse(spec);
    this.#rules.push(rule);
    return rule;
  }

  /** The first rule matching this request, with one of its `times` used up. */
  take(method: string, path: string): FailureRule | undefined {
    const index = this.#rules.findIndex((r) => r.path === path && (r.method === undefined || r.method === method));
    if (index === -1) return undefined;
    const rule = this.#rules[index] as FailureRule;
    rule.times -= 1;
    if (rule.times <= 0) this.#rules.splice(index, 1);
    return rule;
  }

  clear(): void {
    this.#rules = [];
  }
}

/** The error Resend answers for a given status. */
export function injectedError(status: number): ResendApiError {
  if (status === 429) return resendErrors.rateLimited();
  if (status >= 500) {
    const base = resendErrors.internal();
    return status === 500 ? base : new ResendApiError(status, base.body.name, base.body.message);
  }
  if (status === 401) return resendErrors.missingApiKey();
  if (status === 403) return resendErrors.invalidApiKey();
  if (status === 404) return resendErrors.endpointNotFound();
  if (status === 409) return resendErrors.invalidIdempotentRequest();
  return new ResendApiError(
    status,
    "validation_error",
    "Injected failure: the Resend emulator was told to refuse this request.",
  );
}
