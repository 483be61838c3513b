import type { z } from "zod";
import { type FieldErrors, ValidationError } from "../errors";

/** Parse verb input; failures become a ValidationError listing each bad field by its path. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: FieldErrors = {};
  for (const issue of result.error.issues) {
    const path = issue.path.length ? issue.path.join(".") : "_";
    const list = fields[path] ?? [];
    list.push(issue.message);
    fields[path] = list;
  }
  const summary = Object.entries(fields)
    .map(([path, msgs]) => `${path}: ${msgs.join("; ")}`)
    .join(", ");
  throw new ValidationError(`Invalid input — ${summary}`, fields);
}
