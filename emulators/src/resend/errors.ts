import type { ErrorResponse } from "resend";

/** Error names exactly as the SDK types them (`ErrorResponse["name"]`). */
export type ResendErrorName = ErrorResponse["name"];

/** Resend's error body. `statusCode` is never null on the wire; only the SDK uses null (network). */
export type ResendErrorBody = ErrorResponse & { statusCode: number };

/**
 * Thrown inside a route, answered by the server as Resend would answer: the status, the body, and
 * any headers (rate-limit headers on 429).
 */
export class ResendApiError extends Error {
  readonly body: ResendErrorBody;
  constructor(
    readonly status: number,
    name: ResendErrorName,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ResendApiError";
    this.body = { statusCode: status, name, message };
  }
}

// Messages follow Resend's documented errors (https://resend.com/docs/api-reference/errors).
export const resendErrors = {
  missingApiKey: () => new ResendApiError(401, "missing_api_key", "Missing API key in the authorization header."),
  // Resend documents 403 `invalid_api_key` for a key that does not exist.
  invalidApiKey: () => new ResendApiError(403, "invalid_api_key", "API key is invalid."),
  endpointNotFound: () => new ResendApiError(404, "not_found", "The requested endpoint does not exist."),
  emailNotFound: () => new ResendApiError(404, "not_found", "Email not found"),
  methodNotAllowed: () =>
    new ResendApiError(405, "method_not_allowed", "Method is not allowed for the requested path."),
  invalidIdempotencyKey: () =>
    new ResendApiError(400, "invalid_idempotency_key", "The key must be between 1-256 chars."),
  invalidIdempotentRequest: () =>
    new ResendApiError(
      409,
      "invalid_idempotent_request",
      "Same idempotency key used with a different request payload. Change your idempotency key or payload.",
    ),
  invalidJson: () => new ResendApiError(400, "validation_error", "Invalid JSON body."),
  bodyTooLarge: () => new ResendApiError(413, "validation_error", "The request body is too large (max 40MB)."),
  missingField: (field: string) => new ResendApiError(422, "missing_required_field", `Missing \`${field}\` field.`),
  validation: (message: string) => new ResendApiError(422, "validation_error", message),
  invalidParameter: (message: string) => new ResendApiError(422, "invalid_parameter", message),
  rateLimited: () =>
    new ResendApiError(
      429,
      "rate_limit_exceeded",
      "Too many requests. You can only make 2 requests per second. See rate limit response headers for more information. Or contact support to increase rate limit.",
      { "retry-after": "1", "ratelimit-limit": "2", "ratelimit-remaining": "0", "ratelimit-reset": "1" },
    ),
  internal: () =>
    new ResendApiError(
      500,
      "application_error",
      "Internal server error. We are unable to process your request right now, please try again later.",
    ),
} as const;
