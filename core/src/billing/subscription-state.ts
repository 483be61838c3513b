import { z } from "zod";
import type { Stripe } from "../adapters/stripe";
import {
  ADDON_IDS,
  type AddonId,
  type BillingInterval,
  catalogPriceOf,
  type EntitlementOverrides,
  FEATURES,
  type PlanId,
  planProductId,
} from "../plans/catalog";

/**
 * What a Stripe subscription means for the platform, computed from the subscription alone (pure):
 * the plan and add-ons its items' prices stand for, and the ledger fields of billing_accounts.
 * Stripe is the source of truth; this is the one place its objects are read into ours.
 */

/** Statuses under which the customer has what they pay for (unpaid: dunning restricts it, not the plan). */
export const ENTITLED_STATUSES = ["trialing", "active", "past_due", "unpaid"] as const;
/** Statuses of a subscription that still runs (can change, renew, be paid). */
export const LIVE_STATUSES = [...ENTITLED_STATUSES, "incomplete", "paused"] as const;
/** Statuses that count as recurring revenue (a trial pays nothing yet). */
const REVENUE_STATUSES = ["active", "past_due", "unpaid"] as const;

export const isEntitledStatus = (status: string | null | undefined): boolean =>
  (ENTITLED_STATUSES as readonly string[]).includes(status ?? "");
export const isLiveStatus = (status: string | null | undefined): boolean =>
  (LIVE_STATUSES as readonly string[]).includes(status ?? "");

export interface PaymentMethodDisplay {
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
}

export interface SubscriptionState {
  subscriptionId: string;
  customerId: string;
  status: string;
  /** The plan the items pay for (Free when none of them is a plan price). */
  pricedPlan: PlanId;
  pricedAddons: AddonId[];
  /** What the tenant gets now: the priced plan and add-ons while entitled, Free otherwise. */
  plan: PlanId;
  addons: AddonId[];
  interval: BillingInterval | null;
  seats: number | null;
  currentPeriodStart: Date | null;
  currentPeriodEnd: Date | null;
  trialEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  canceledAt: Date | null;
  collectionMethod: string;
  daysUntilDue: number | null;
  /** A plan price outside the catalog (an enterprise deal). */
  customPriceId: string | null;
  couponId: string | null;
  mrrCents: number;
  currency: string;
  /** Undefined: the subscription does not say (not expanded) — keep what is stored. */
  paymentMethod: PaymentMethodDisplay | null | undefined;
  /** Prices on the subscription that are neither a catalog price nor on the Enterprise product. */
  unknownPrices: string[];
}

const fromUnix = (s: number | null | undefined): Date | null => (s ? new Date(s * 1000) : null);

const productIdOf = (price: Stripe.Price): string =>
  typeof price.product === "string" ? price.product : price.product.id;

/** The card of an expanded payment method, for display; null when it has none; undefined when unknown. */
export function paymentMethodDisplay(
  pm: string | Stripe.PaymentMethod | null | undefined,
): PaymentMethodDisplay | null | undefined {
  if (pm === null) return null;
  if (pm === undefined || typeof pm === "string") return undefined;
  if (!pm.card) return null;
  return { brand: pm.card.brand, last4: pm.card.last4, expMonth: pm.card.exp_month, expYear: pm.card.exp_year };
}

function couponOf(discounts: Stripe.Subscription["discounts"] | undefined): {
  id: string | null;
  percentOff: number | null;
  amountOff: number | null;
} {
  for (const d of discounts ?? []) {
    if (typeof d === "string") continue;
    const coupon = d.source?.coupon;
    if (!coupon) continue;
    if (typeof coupon === "string") return { id: coupon, percentOff: null, amountOff: null };
    return { id: coupon.id, percentOff: coupon.percent_off ?? null, amountOff: coupon.amount_off ?? null };
  }
  return { id: null, percentOff: null, amountOff: null };
}

/**
 * Reads a subscription. `customerPaymentMethod` is the customer's default (invoice settings), used
 * when the subscription names none of its own — the Billing Portal sets the customer's.
 */
export function subscriptionState(
  sub: Stripe.Subscription,
  customerPaymentMethod?: string | Stripe.PaymentMethod | null,
): SubscriptionState {
  let pricedPlan: PlanId | null = null;
  let seats: number | null = null;
  let interval: BillingInterval | null = null;
  let customPriceId: string | null = null;
  const addons = new Set<AddonId>();
  const unknownPrices: string[] = [];
  let monthlyCents = 0;
  let periodStart: number | null = null;
  let periodEnd: number | null = null;
  for (const item of sub.items.data) {
    const price = item.price;
    const quantity = item.quantity ?? 1;
    const catalog = catalogPriceOf({ lookup_key: price.lookup_key, metadata: price.metadata });
    const itemInterval = price.recurring?.interval === "year" ? "year" : price.recurring ? "month" : null;
    const unit = price.unit_amount ?? 0;
    monthlyCents += itemInterval === "year" ? (unit * quantity) / 12 : unit * quantity;
    periodStart = periodStart === null ? item.current_period_start : Math.min(periodStart, item.current_period_start);
    periodEnd = periodEnd === null ? item.current_period_end : Math.max(periodEnd, item.current_period_end);
    if (catalog?.kind === "plan") {
      pricedPlan = catalog.ref as PlanId;
      seats = quantity;
      interval = catalog.interval;
    } else if (catalog?.kind === "addon") {
      addons.add(catalog.ref as AddonId);
    } else if (productIdOf(price) === planProductId("enterprise")) {
      pricedPlan = "enterprise";
      seats = quantity;
      interval = itemInterval;
      customPriceId = price.id;
    } else {
      unknownPrices.push(price.id);
    }
  }
  const coupon = couponOf(sub.discounts);
  let mrr = monthlyCents;
  if (coupon.percentOff !== null) mrr = mrr * (1 - coupon.percentOff / 100);
  if (coupon.amountOff !== null) mrr -= interval === "year" ? coupon.amountOff / 12 : coupon.amountOff;
  const entitled = isEntitledStatus(sub.status);
  const pricedAddons = ADDON_IDS.filter((a) => addons.has(a));
  const ownMethod = paymentMethodDisplay(sub.default_payment_method);
  const paymentMethod =
    ownMethod === null && customerPaymentMethod !== undefined ? paymentMethodDisplay(customerPaymentMethod) : ownMethod;
  return {
    subscriptionId: sub.id,
    customerId: typeof sub.customer === "string" ? sub.customer : sub.customer.id,
    status: sub.status,
    pricedPlan: pricedPlan ?? "free",
    pricedAddons,
    plan: entitled ? (pricedPlan ?? "free") : "free",
    addons: entitled ? pricedAddons : [],
    interval,
    seats,
    currentPeriodStart: fromUnix(periodStart),
    currentPeriodEnd: fromUnix(periodEnd),
    trialEnd: fromUnix(sub.trial_end),
    cancelAtPeriodEnd: sub.cancel_at_period_end,
    canceledAt: fromUnix(sub.canceled_at),
    collectionMethod: sub.collection_method,
    daysUntilDue: sub.days_until_due ?? null,
    customPriceId,
    couponId: coupon.id,
    mrrCents: (REVENUE_STATUSES as readonly string[]).includes(sub.status) ? Math.max(0, Math.round(mrr)) : 0,
    currency: sub.currency,
    paymentMethod,
    unknownPrices,
  };
}

/**
 * Which of a customer's subscriptions is the tenant's: the newest that still runs, else the newest
 * that ended. One subscription per tenant is the platform's model; an older one left behind (a
 * checkout abandoned half-way, a subscription replaced) never outranks a live one.
 */
export function pickCurrentSubscription<S extends Pick<Stripe.Subscription, "status" | "created">>(
  subs: readonly S[],
): S | null {
  const newest = (list: S[]) => list.sort((a, b) => b.created - a.created)[0] ?? null;
  return newest(subs.filter((s) => isLiveStatus(s.status))) ?? newest([...subs]);
}

export const EntitlementOverridesSchema = z
  .object({
    enable: z.array(z.enum(FEATURES)).optional(),
    disable: z.array(z.enum(FEATURES)).optional(),
    limits: z
      .object({
        artists: z.number().int().nonnegative().nullable().optional(),
        members: z.number().int().nonnegative().nullable().optional(),
        customDomains: z.number().int().nonnegative().nullable().optional(),
      })
      .optional(),
  })
  .strict();

/** Stored overrides, read defensively: unreadable means none (and is logged by the caller). */
export function readOverrides(stored: unknown): EntitlementOverrides | null {
  const parsed = EntitlementOverridesSchema.safeParse(stored ?? {});
  if (!parsed.success) return null;
  const { limits, ...rest } = parsed.data;
  if (!limits) return rest;
  // `undefined` must not replace a catalog limit (spreading it would).
  const defined = Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined));
  return { ...rest, limits: defined };
}

/** "plan pro → business, add-ons +analytics −white_label": what changed, in words. */
export function describeChange(
  before: { plan: string; addons: readonly string[]; status: string | null },
  after: { plan: string; addons: readonly string[]; status: string | null },
): string[] {
  const parts: string[] = [];
  if (before.plan !== after.plan) parts.push(`plan ${before.plan} → ${after.plan}`);
  const added = after.addons.filter((a) => !before.addons.includes(a));
  const removed = before.addons.filter((a) => !after.addons.includes(a));
  if (added.length || removed.length) {
    parts.push(`add-ons ${[...added.map((a) => `+${a}`), ...removed.map((a) => `−${a}`)].join(" ")}`);
  }
  if (before.status !== after.status) parts.push(`status ${before.status ?? "none"} → ${after.status ?? "none"}`);
  return parts;
}
