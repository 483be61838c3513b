import type { RequestMeta } from "../context";
import type { Database } from "../db/client";
import { NotFoundError, PreconditionFailedError, UnauthenticatedError } from "../errors";
import { authThrottle } from "./instance";
import { AUTH_POLICIES } from "./policy";
import { tooManyAttempts } from "./throttle";

/** What a wrong or stale token looks like: the attempt counts against the client's address. */
function isBadToken(err: unknown): boolean {
  return err instanceof UnauthenticatedError || err instanceof NotFoundError || err instanceof PreconditionFailedError;
}

/**
 * Redeeming a one-time token (sign-in link, invitation) from a client address: refused while the
 * address is locked; a bad token counts as a failed credential, so guessing tokens from one
 * address locks it like guessing passwords does. Tokens have 256 bits, so this is about noise and
 * scanners more than about the odds.
 */
export async function guardTokenRedeem<T>(
  database: Database,
  meta: RequestMeta & { tenantId: string },
  redeem: () => Promise<T>,
): Promise<T> {
  const attempt = await authThrottle(database).begin(AUTH_POLICIES.tokenRedeem, {
    ip: meta.ip ?? null,
    tenantId: meta.tenantId,
    userAgent: meta.userAgent ?? null,
    requestId: meta.requestId,
  });
  let result: T;
  try {
    result = await redeem();
  } catch (err) {
    if (!isBadToken(err)) throw err;
    const lockedFor = await attempt.fail();
    throw lockedFor > 0 ? tooManyAttempts(lockedFor) : err;
  }
  await attempt.succeed();
  return result;
}
