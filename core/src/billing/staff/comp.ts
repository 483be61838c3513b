import type { Stripe } from "../../adapters/stripe";
import { emitAudit } from "../../audit/emit";
import { assertStaffCan } from "../../authz/ability";
import type { PlatformCtx } from "../../context";
import { ConflictError, PreconditionFailedError } from "../../errors";
import { auditCtx, platformTenantTx } from "../../tenancy";
import { parseInput } from "../../validation";
import { applyStripeSubscription } from "../subscription-sync";
import { atStripe, idempotencyKey, idOf, loadAccount, ReasonInput } from "./stripe-calls";

/** Our comp coupon at Stripe: 100 % off, forever. Created on first use, reused after. */
export const COMP_COUPON_ID = "mw_comp_100";

/** Subscriptions that can no longer change at Stripe. */
const ENDED = new Set(["canceled", "incomplete_expired"]);

/** What the subscription fetch expands: discounts down to their coupons (MRR after discounts), the card. */
export const STAFF_SUBSCRIPTION_EXPAND = ["discounts.source.coupon", "default_payment_method"];

function couponIds(sub: Stripe.Subscription): string[] {
  return (sub.discounts ?? []).flatMap((d) => {
    if (typeof d === "string") return [];
    const coupon = idOf(d.source?.coupon ?? null);
    return coupon ? [coupon] : [];
  });
}

/** Finds the comp coupon, or creates it; refuses one of that id that is not a forever 100 % coupon. */
async function compCoupon(stripe: Stripe): Promise<Stripe.Coupon> {
  const found = await stripe.coupons.retrieve(COMP_COUPON_ID).catch((err: { code?: string }) => {
    if (err?.code === "resource_missing") return null;
    throw err;
  });
  const coupon =
    found ??
    (await stripe.coupons.create(
      { id: COMP_COUPON_ID, percent_off: 100, duration: "forever", name: "MusicalWheel comp (100 %)" },
      // The same key from every staff member: two first comps at once create one coupon.
      { idempotencyKey: `staff-billing:coupon:${COMP_COUPON_ID}` },
    ));
  if (coupon.percent_off !== 100 || coupon.duration !== "forever" || !coupon.valid) {
    throw new PreconditionFailedError(
      `Stripe's coupon ${COMP_COUPON_ID} is not a valid 100 % forever coupon; fix or delete it at Stripe first.`,
    );
  }
  return coupon;
}

/** The customer's default card when the subscription names none, as the webhook sync passes it. */
async function customerPaymentMethod(stripe: Stripe, sub: Stripe.Subscription) {
  if (sub.default_payment_method) return undefined;
  const customer = await stripe.customers.retrieve(idOf(sub.customer) ?? "", {
    expand: ["invoice_settings.default_payment_method"],
  });
  return customer.deleted ? null : (customer.invoice_settings?.default_payment_method ?? null);
}

async function liveSubscription(
  stripe: Stripe,
  account: { stripeCustomerId: string; stripeSubscriptionId: string | null },
  name: string,
) {
  if (!account.stripeSubscriptionId) throw new PreconditionFailedError(`${name} has no subscription to comp.`);
  const sub = await stripe.subscriptions.retrieve(account.stripeSubscriptionId, { expand: STAFF_SUBSCRIPTION_EXPAND });
  if (idOf(sub.customer) !== account.stripeCustomerId) {
    throw new PreconditionFailedError(`Stripe's subscription ${sub.id} does not belong to ${name}'s customer.`);
  }
  if (ENDED.has(sub.status)) throw new PreconditionFailedError(`${name}'s subscription has ended (${sub.status}).`);
  return sub;
}

/**
 * Comp a tenant: its subscription gets the 100 % forever coupon (replacing any other discount), so
 * it keeps its plan and pays nothing. Staff with billing.manage, with a reason; the change is made
 * at Stripe, then audited and copied to the ledger (applyStripeSubscription) in one transaction.
 */
export async function compSubscription({
  ctx,
  input,
  stripe,
}: {
  ctx: PlatformCtx;
  input: { tenantId: string; reason: string };
  stripe: Stripe;
}) {
  assertStaffCan(ctx.ability, "platform.billing.manage");
  const { tenantId, reason } = parseInput(ReasonInput, input);
  const { name, account } = await loadAccount(ctx, tenantId);
  const updated = await atStripe(async () => {
    const sub = await liveSubscription(stripe, account, name);
    const before = couponIds(sub);
    if (before.includes(COMP_COUPON_ID)) throw new ConflictError(`${name} is already comped.`);
    await compCoupon(stripe);
    const after = await stripe.subscriptions.update(
      sub.id,
      { discounts: [{ coupon: COMP_COUPON_ID }], expand: STAFF_SUBSCRIPTION_EXPAND },
      { idempotencyKey: idempotencyKey(ctx, tenantId, "comp", sub.id) },
    );
    return { before, after, card: await customerPaymentMethod(stripe, after) };
  });
  return platformTenantTx(ctx, tenantId, async (tx) => {
    await emitAudit(tx, auditCtx(ctx), {
      action: "billing.subscription.comp",
      target: { type: "subscription", id: updated.after.id },
      before: { coupons: updated.before },
      after: { coupons: couponIds(updated.after), reason },
    });
    // The subscription Stripe answered, onto the ledger now (the webhook re-applies it idempotently).
    await applyStripeSubscription(tx, tenantId, updated.after, {
      audit: auditCtx(ctx),
      ...(updated.card !== undefined ? { customerPaymentMethod: updated.card } : {}),
    });
    return updated.after;
  });
}

/** Ends a comp: the comp coupon comes off and the subscription is billed again from its next invoice. */
export async function removeComp({
  ctx,
  input,
  stripe,
}: {
  ctx: PlatformCtx;
  input: { tenantId: string; reason: string };
  stripe: Stripe;
}) {
  assertStaffCan(ctx.ability, "platform.billing.manage");
  const { tenantId, reason } = parseInput(ReasonInput, input);
  const { name, account } = await loadAccount(ctx, tenantId);
  const updated = await atStripe(async () => {
    const sub = await liveSubscription(stripe, account, name);
    const before = couponIds(sub);
    if (!before.includes(COMP_COUPON_ID)) throw new ConflictError(`${name} is not comped.`);
    // Any other discount stays; an empty list is sent as "" (Stripe's way to clear a list).
    const rest = before.filter((c) => c !== COMP_COUPON_ID).map((coupon) => ({ coupon }));
    const after = await stripe.subscriptions.update(
      sub.id,
      { discounts: rest.length ? rest : "", expand: STAFF_SUBSCRIPTION_EXPAND },
      { idempotencyKey: idempotencyKey(ctx, tenantId, "uncomp", sub.id) },
    );
    return { before, after, card: await customerPaymentMethod(stripe, after) };
  });
  return platformTenantTx(ctx, tenantId, async (tx) => {
    await emitAudit(tx, auditCtx(ctx), {
      action: "billing.subscription.comp_removed",
      target: { type: "subscription", id: updated.after.id },
      before: { coupons: updated.before },
      after: { coupons: couponIds(updated.after), reason },
    });
    // The subscription Stripe answered, onto the ledger now (the webhook re-applies it idempotently).
    await applyStripeSubscription(tx, tenantId, updated.after, {
      audit: auditCtx(ctx),
      ...(updated.card !== undefined ? { customerPaymentMethod: updated.card } : {}),
    });
    return updated.after;
  });
}
