import type { Stripe } from "../../adapters/stripe";
import type { TenantCtx } from "../../context";

/** What the portal verbs need besides the context: the Stripe client (the real SDK, or it at the emulator). */
export interface BillingDeps {
  stripe: Stripe;
}

/**
 * Where Stripe's hosted pages send the customer back to: the console's billing page, an absolute
 * URL the transport builds from its own configuration (never from the request or the client).
 */
export interface ReturnUrl {
  returnUrl: string;
}

/**
 * Our own Idempotency-Key for a Stripe POST: tenant + action + the request that asked, so a retry of
 * the same request (the SDK's or ours) replays Stripe's answer instead of acting twice, while a new
 * request acts anew.
 */
export function idempotencyKey(
  ctx: Pick<TenantCtx, "tenant" | "requestId">,
  action: string,
  ...parts: string[]
): string {
  return ["portal", ctx.tenant.id, action, ...parts, ctx.requestId].join(":");
}

const SECOND = 1000;
export const unixSeconds = (d: Date = new Date()): number => Math.floor(d.getTime() / SECOND);
export const fromUnix = (s: number | null | undefined): Date | null => (s ? new Date(s * SECOND) : null);
