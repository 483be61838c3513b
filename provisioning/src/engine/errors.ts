import { DomainError } from "@mw/core/errors";
import { MailDeliveryError } from "@mw/core/ports";
import { DomainHostingError, DomainTakenError } from "../core-internals";

/** A failure that no retry can fix (bad data, a vendor refusal): the run is parked at once. */
export class PermanentStepError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "PermanentStepError";
  }
}

/**
 * Test-only: stands for the worker process dying. The engine writes nothing when it sees one —
 * no error, no status — exactly as if the process had vanished mid-step.
 */
export class CrashError extends Error {
  constructor(message = "simulated worker crash") {
    super(message);
    this.name = "CrashError";
  }
}

/**
 * Domain errors (conflict, validation, precondition, forbidden) describe the data, not the moment:
 * retrying cannot change them — except the 5xx ones, which report an unavailable vendor. Vendor refusals that say so are permanent too. Everything else —
 * network, 5xx, a Postgres hiccup — is worth another attempt.
 */
export function isPermanent(err: unknown): boolean {
  if (err instanceof PermanentStepError || err instanceof DomainTakenError) return true;
  // 5xx domain errors (the hosting vendor is unavailable) say "not now", not "never".
  if (err instanceof DomainError) return err.status < 500;
  if (err instanceof MailDeliveryError || err instanceof DomainHostingError) return !err.retryable;
  return false;
}

/** One line for the staff console: the error's class and message, nothing else (no stack). */
export function describeError(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`.slice(0, 2000);
  return String(err).slice(0, 2000);
}
