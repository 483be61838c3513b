/** Stripe's error envelope: `{ error: { type, code?, message, param?, decline_code?, doc_url? } }`. */
export interface StripeErrorBody {
  error: {
    type: string;
    message: string;
    code?: string;
    param?: string;
    decline_code?: string;
    doc_url?: string;
    request_log_url?: string;
  } & Record<string, unknown>;
}

/** Thrown inside a route; the server answers it with Stripe's status, body and headers. */
export class StripeApiError extends Error {
  readonly body: StripeErrorBody;
  constructor(
    readonly status: number,
    type: string,
    message: string,
    extra: { code?: string; param?: string; decline_code?: string } & Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "StripeApiError";
    const docUrl = extra.code
      ? { doc_url: `https://stripe.com/docs/error-codes/${extra.code.replace(/_/g, "-")}` }
      : {};
    this.body = { error: { ...extra, ...docUrl, message, type } };
  }
}

const invalid = (message: string, extra: Record<string, string> = {}) =>
  new StripeApiError(400, "invalid_request_error", message, extra);

// Messages as Stripe words them, so a log line from the emulator reads like one from Stripe.
export const stripeErrors = {
  noApiKey: () =>
    new StripeApiError(
      401,
      "invalid_request_error",
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
    ),
  invalidApiKey: (key: string) =>
    new StripeApiError(401, "invalid_request_error", `Invalid API Key provided: ${redactKey(key)}`, {
      code: "api_key_invalid",
    }),
  livemodeKey: () =>
    new StripeApiError(401, "invalid_request_error", "The Stripe emulator only accepts test mode keys (sk_test_…).", {
      code: "api_key_invalid",
    }),
  invalidApiVersion: (version: string) =>
    invalid(`Invalid Stripe API version: ${version}`, { code: "invalid_stripe_api_version" }),
  unrecognizedUrl: (method: string, path: string) =>
    new StripeApiError(
      404,
      "invalid_request_error",
      `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
    ),
  /** `resource` as Stripe names it in the message: "price", "customer", "checkout.session"… */
  noSuch: (resource: string, id: string, param = "id") =>
    new StripeApiError(404, "invalid_request_error", `No such ${resource}: '${id}'`, {
      code: "resource_missing",
      param,
    }),
  missingParam: (param: string) => invalid(`Missing required param: ${param}.`, { code: "parameter_missing", param }),
  unknownParam: (param: string) =>
    invalid(`Received unknown parameter: ${param}`, { code: "parameter_unknown", param }),
  invalidParam: (param: string, message: string) => invalid(message, { code: "parameter_invalid_string", param }),
  invalidInteger: (param: string, value: string) =>
    invalid(`Invalid integer: ${value}`, { code: "parameter_invalid_integer", param }),
  invalidBoolean: (param: string, value: string) =>
    invalid(`Invalid boolean: ${value}`, { code: "parameter_invalid_string", param }),
  invalidEnum: (param: string, allowed: readonly string[]) =>
    invalid(`Invalid ${param}: must be one of ${allowed.join(", ")}`, { code: "parameter_invalid_string", param }),
  badRequest: (message: string, extra: Record<string, string> = {}) => invalid(message, extra),
  cannotExpand: (path: string) => invalid(`This property cannot be expanded (${path}).`),
  idempotencyMismatch: (key: string) =>
    new StripeApiError(
      400,
      "idempotency_error",
      `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
    ),
  idempotencyInUse: () =>
    new StripeApiError(
      409,
      "invalid_request_error",
      "There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through). Please try again later.",
      { code: "idempotency_key_in_use" },
    ),
  idempotencyKeyTooLong: () =>
    invalid("Idempotency-Key is too long: it can be at most 255 characters.", { code: "idempotency_key_too_long" }),
  cardDeclined: (declineCode: string, message: string, extra: Record<string, unknown> = {}) =>
    new StripeApiError(402, "card_error", message, { code: "card_declined", decline_code: declineCode, ...extra }),
  cardError: (code: string, message: string, extra: Record<string, unknown> = {}) =>
    new StripeApiError(402, "card_error", message, { code, ...extra }),
  rateLimited: () =>
    new StripeApiError(
      429,
      "invalid_request_error",
      "Request rate limit exceeded. You can learn more about rate limits here https://stripe.com/docs/rate-limits.",
      { code: "rate_limit" },
      { "stripe-should-retry": "true" },
    ),
  api: (status = 500) =>
    new StripeApiError(status, "api_error", "An unknown error occurred while processing your request.", {}, {}),
} as const;

/** `sk_test_abc…xyz` → `sk_test_********************wxyz`, as Stripe prints keys. */
export function redactKey(key: string): string {
  const prefix = /^(sk|rk|pk)_(test|live)_/.exec(key)?.[0] ?? "";
  const tail = key.slice(-4);
  return `${prefix}${"*".repeat(Math.max(0, key.length - prefix.length - 4))}${tail}`;
}

/** The error Stripe answers for an injected status. */
export function injectedError(status: number): StripeApiError {
  if (status === 429) return stripeErrors.rateLimited();
  if (status >= 500) return stripeErrors.api(status);
  if (status === 402) return stripeErrors.cardDeclined("generic_decline", "Your card was declined.");
  if (status === 401) return stripeErrors.invalidApiKey("sk_test_injected");
  if (status === 404) return stripeErrors.noSuch("object", "injected");
  if (status === 409) return stripeErrors.idempotencyInUse();
  return stripeErrors.badRequest("Injected failure: the Stripe emulator was told to refuse this request.");
}
