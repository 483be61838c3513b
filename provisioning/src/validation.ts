import { type FieldErrors, ValidationError } from "@mw/core/errors";
import type { z } from "zod";

/** Verb input parsing, as core does it: a ValidationError naming each bad field by its path. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: FieldErrors = {};
  for (const issue of result.error.issues) {
    const path = issue.path.length ? issue.path.join(".") : "_";
    fields[path] = [...(fields[path] ?? []), issue.message];
  }
  throw new ValidationError(
    `Invalid input — ${Object.entries(fields)
      .map(([path, messages]) => `${path}: ${messages.join("; ")}`)
      .join(", ")}`,
    fields,
  );
}

export function fieldError(field: string, message: string): ValidationError {
  return new ValidationError(`Invalid input — ${field}: ${message}`, { [field]: [message] });
}
