import { z } from "zod";

/**
 * Failure injection: the next `times` requests matching `path` (and `method`, when given) wait
 * `delayMs` and/or fail with `status` and the body the emulated vendor sends for that status
 * (each emulator maps the status to its vendor's error body).
 */
export const FailureSpec = z
  .strictObject({
    /** Exact request path without the query, e.g. `/emails` or `/v10/projects/prj_1/domains`. */
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
export type FailureRule = z.output<typeof FailureSpec>;

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
