import { ConflictError, DomainError, ValidationError } from "../errors";
import { DomainHostingError, DomainTakenError } from "../ports/domains";

/**
 * The hosting vendor could not be reached or refused us for reasons of its own (outage, rate
 * limit, our credentials). 503: nothing the customer did wrong; trying again later may work.
 */
export class HostingUnavailableError extends DomainError {
  readonly code = "hosting_unavailable";
  readonly status = 503;
}

/** A vendor failure as the domain error a transport can show; anything else passes unchanged. */
export function hostingFailure(err: unknown, hostname: string): unknown {
  if (err instanceof DomainTakenError) {
    const holder = err.ownedBy ? `another hosting project (${err.ownedBy})` : "another hosting project";
    return new ConflictError(
      `${hostname} is already in use by ${holder}. Remove it there first, then add it here again.`,
    );
  }
  if (err instanceof DomainHostingError) {
    if (err.statusCode === 400 && !err.retryable) {
      const message = `The hosting provider does not accept ${hostname} as a domain.`;
      return new ValidationError(message, { hostname: [message] });
    }
    return new HostingUnavailableError(
      `We could not reach our hosting provider to check ${hostname}. Please try again in a few minutes.`,
      { cause: err },
    );
  }
  return err;
}
