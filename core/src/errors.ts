/**
 * The one error hierarchy of the domain. Transports map these to responses; anything else is an
 * internal error whose message never reaches a client.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly status: number;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  readonly code = "not_found";
  readonly status = 404;
}

export class ConflictError extends DomainError {
  readonly code = "conflict";
  readonly status = 409;
}

export class ForbiddenError extends DomainError {
  readonly code = "forbidden";
  readonly status = 403;
  constructor(
    message: string,
    readonly permission?: string,
  ) {
    super(message);
  }
}

export class UnauthenticatedError extends DomainError {
  readonly code = "unauthenticated";
  readonly status = 401;
}

export class LimitExceededError extends DomainError {
  readonly code = "limit_exceeded";
  readonly status = 402;
  constructor(
    message: string,
    readonly limit: string,
    readonly max: number,
  ) {
    super(message);
  }
}

/**
 * Too many attempts of something guarded (sign-in, sign-in links, sign-up). The message names the
 * wait; transports answer HTTP 429 with `Retry-After`.
 */
export class TooManyAttemptsError extends DomainError {
  readonly code = "too_many_attempts";
  readonly status = 429;
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** A dependency the request cannot do without is down; the caller should try again shortly. */
export class ServiceUnavailableError extends DomainError {
  readonly code = "unavailable";
  readonly status = 503;
  constructor(
    message: string,
    readonly retryAfterSeconds = 60,
  ) {
    super(message);
  }
}

export type FieldErrors = Record<string, string[]>;

export class ValidationError extends DomainError {
  readonly code = "validation_failed";
  readonly status = 422;
  constructor(
    message: string,
    readonly fields: FieldErrors = {},
  ) {
    super(message);
  }
}

export class PreconditionFailedError extends DomainError {
  readonly code = "precondition_failed";
  readonly status = 412;
}

/** What a transport may show a client: domain errors verbatim, everything else generic. */
export function publicError(err: unknown): {
  status: number;
  code: string;
  message: string;
  fields?: FieldErrors;
  retryAfterSeconds?: number;
} {
  if (err instanceof ValidationError) {
    return { status: err.status, code: err.code, message: err.message, fields: err.fields };
  }
  if (err instanceof TooManyAttemptsError || err instanceof ServiceUnavailableError) {
    return { status: err.status, code: err.code, message: err.message, retryAfterSeconds: err.retryAfterSeconds };
  }
  if (err instanceof DomainError) return { status: err.status, code: err.code, message: err.message };
  return { status: 500, code: "internal_error", message: "Something went wrong on our side." };
}
