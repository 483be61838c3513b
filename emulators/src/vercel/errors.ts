/** Vercel's error envelope: `{ error: { code, message, …extra } }` (the SDK throws it as `SDKError.body`). */
export interface VercelErrorBody {
  error: { code: string; message: string } & Record<string, unknown>;
}

/** Thrown inside a route; the server answers it with Vercel's status, body and headers. */
export class VercelApiError extends Error {
  readonly body: VercelErrorBody;
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "VercelApiError";
    this.body = { error: { code, message, ...extra } };
  }
}

// Codes and messages as Vercel answers them. Vercel says 403 `forbidden` for a missing token as well
// as for a wrong one (never 401); the flags `missingToken` / `invalidToken` tell the two apart.
export const vercelErrors = {
  missingToken: () =>
    new VercelApiError(403, "forbidden", "The request is missing an authentication token", { missingToken: true }),
  invalidToken: () => new VercelApiError(403, "forbidden", "Not authorized", { invalidToken: true }),
  routeNotFound: () => new VercelApiError(404, "not_found", "The requested URL was not found."),
  projectNotFound: () => new VercelApiError(404, "not_found", "Project not found."),
  domainNotFound: (domain: string) =>
    new VercelApiError(404, "not_found", `The domain "${domain}" is not assigned to this project.`),
  methodNotAllowed: () => new VercelApiError(405, "method_not_allowed", "Method not allowed."),
  invalidJson: () => new VercelApiError(400, "bad_request", "Invalid JSON body."),
  bodyTooLarge: () => new VercelApiError(413, "payload_too_large", "The request body is too large."),
  badRequest: (message: string) => new VercelApiError(400, "bad_request", message),
  invalidDomain: (domain: string) =>
    new VercelApiError(400, "invalid_domain", `The domain name "${domain}" is invalid.`, { domain }),
  /** Re-adding to the same project answers this too, naming that project: callers treat it as success. */
  domainAlreadyInUse: (domain: string, projectId: string, sameProject: boolean) =>
    new VercelApiError(
      409,
      "domain_already_in_use",
      sameProject
        ? `Cannot add ${domain} since it's already assigned to this project.`
        : `Cannot add ${domain} since it's already assigned to another project.`,
      { projectId, domain: { name: domain, projectId } },
    ),
  missingTxtRecord: (txtName: string, value: string) =>
    new VercelApiError(400, "missing_txt_record", `Domain ${txtName} is missing required TXT Record "${value}"`),
  rateLimited: () =>
    new VercelApiError(
      429,
      "rate_limited",
      "Rate limit exceeded",
      { limit: { remaining: 0, reset: 60, resetMs: 60_000, total: 100 } },
      { "retry-after": "60", "x-ratelimit-limit": "100", "x-ratelimit-remaining": "0", "x-ratelimit-reset": "60" },
    ),
  internal: (status = 500) =>
    new VercelApiError(status, "internal_server_error", "An unexpected internal error occurred."),
} as const;

/** The error Vercel answers for a given status, for injected failures. */
export function injectedError(status: number): VercelApiError {
  if (status === 429) return vercelErrors.rateLimited();
  if (status >= 500) return vercelErrors.internal(status);
  if (status === 401 || status === 403) return vercelErrors.invalidToken();
  if (status === 404) return vercelErrors.routeNotFound();
  if (status === 409) return new VercelApiError(409, "conflict", "Injected failure: conflict.");
  return new VercelApiError(
    status,
    "bad_request",
    "Injected failure: the Vercel emulator was told to refuse this request.",
  );
}
