import { eq } from "drizzle-orm";
import { z } from "zod";
import { Stripe } from "../../adapters/stripe";
import type { PlatformCtx } from "../../context";
import { type BillingAccountRow, billingAccounts } from "../../db/schema/billing";
import { tenants } from "../../db/schema/tenants";
import { ConflictError, NotFoundError, PreconditionFailedError, ServiceUnavailableError } from "../../errors";
import { platformTenantTx } from "../../tenancy";
import { rejectUnsafeText } from "../../validation/names";
import { TenantIdInput } from "./panel";

/** Staff record why they changed a customer's money: every staff billing change asks for it. */
export const Reason = z
  .string({ error: "give a reason" })
  .trim()
  .min(3, "give a reason (at least 3 characters)")
  .max(500, "keep the reason under 500 characters")
  .superRefine(rejectUnsafeText("reason", "multiline"));

export const ReasonInput = TenantIdInput.extend({ reason: Reason });

const STRIPE_UNAVAILABLE = "Stripe is not reachable right now. Nothing was changed; try again in a minute.";

/**
 * A failed Stripe call as a domain error staff can read: Stripe down as "try again", a refused
 * request in Stripe's words (written for operators: "No such invoice"), a replayed key as a
 * conflict. Anything else is ours and stays an internal error.
 */
export function stripeFailure(err: unknown): unknown {
  if (!(err instanceof Stripe.errors.StripeError)) return err;
  if (
    err instanceof Stripe.errors.StripeConnectionError ||
    err instanceof Stripe.errors.StripeAPIError ||
    err instanceof Stripe.errors.StripeRateLimitError ||
    (err.statusCode ?? 0) >= 500
  ) {
    return new ServiceUnavailableError(STRIPE_UNAVAILABLE, 60);
  }
  if (err instanceof Stripe.errors.StripeIdempotencyError) {
    return new ConflictError("This change is already being made; reload the page to see it.");
  }
  if (err instanceof Stripe.errors.StripeInvalidRequestError) {
    return new PreconditionFailedError(`Stripe refused the change: ${err.message}`);
  }
  return err;
}

export async function atStripe<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw stripeFailure(err);
  }
}

/** The tenant's name and billing account; refuses a tenant without a Stripe customer. */
export async function loadAccount(
  ctx: PlatformCtx,
  tenantId: string,
): Promise<{ name: string; account: BillingAccountRow & { stripeCustomerId: string } }> {
  return platformTenantTx(ctx, tenantId, async (tx) => {
    const [t] = await tx.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, tenantId));
    if (!t) throw new NotFoundError("No such tenant.");
    const [account] = await tx.select().from(billingAccounts).where(eq(billingAccounts.tenantId, tenantId));
    if (!account?.stripeCustomerId) {
      throw new PreconditionFailedError(`${t.name} has no Stripe customer yet: there is nothing to change at Stripe.`);
    }
    return { name: t.name, account: { ...account, stripeCustomerId: account.stripeCustomerId } };
  });
}

/** The id behind an expandable Stripe field. */
export const idOf = (v: string | { id: string } | null | undefined): string | null =>
  v == null ? null : typeof v === "string" ? v : v.id;

/**
 * Every Stripe POST carries a key naming what we do: the tenant, the action and the request, so a
 * retried request (the SDK's own retries, a double submit of the same form) is one change.
 */
export const idempotencyKey = (ctx: PlatformCtx, tenantId: string, action: string, ...parts: string[]) =>
  ["staff-billing", tenantId, action, ...parts, ctx.requestId].join(":");
