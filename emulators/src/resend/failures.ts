export { FailureInjector, type FailureRule, FailureSpec } from "../shared/failures";

import { ResendApiError, resendErrors } from "./errors";

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
