import {
  ADDON_IDS,
  type AddonId,
  type BillingInterval,
  lookupKeyFor,
  PLANS,
  type PlanId,
  priceByLookupKey,
} from "../../plans/catalog";

/**
 * What a subscription sells, in catalog terms, and the item changes that take one to another. Pure:
 * the verbs fetch the subscription and the prices, these functions decide.
 */

/** The subscription as the portal reasons about it. */
export interface PlanSelection {
  plan: PlanId;
  interval: BillingInterval;
  addons: AddonId[];
}

/** One item of a Stripe subscription, reduced to what the portal needs. */
export interface CurrentItem {
  id: string;
  lookupKey: string | null;
  quantity: number;
}

/** Plans a tenant can choose in the portal (Enterprise is agreed with sales, Free is a cancellation). */
export const SELF_SERVE_PLANS = ["pro", "business"] as const satisfies readonly PlanId[];
export type SelfServePlan = (typeof SELF_SERVE_PLANS)[number];

/** The catalog view of a subscription's items; `null` when no item names a plan of ours. */
export function selectionOf(items: readonly CurrentItem[]): PlanSelection | null {
  let plan: PlanId | null = null;
  let interval: BillingInterval | null = null;
  const addons: AddonId[] = [];
  for (const item of items) {
    const price = priceByLookupKey(item.lookupKey);
    if (!price) continue;
    if (price.kind === "plan") {
      plan = price.ref as PlanId;
      interval = price.interval;
    } else addons.push(price.ref as AddonId);
  }
  if (!plan || !interval) return null;
  return { plan, interval, addons: ADDON_IDS.filter((a) => addons.includes(a)) };
}

/** Lookup keys a selection needs priced. */
export function lookupKeysOf(selection: PlanSelection): string[] {
  const keys = [lookupKeyFor({ plan: selection.plan }, selection.interval)];
  for (const a of selection.addons) keys.push(lookupKeyFor({ addon: a }, selection.interval));
  return keys.filter((k): k is string => k !== null);
}

/** The plan item's quantity: seats for a per-seat plan, otherwise one. */
export function planQuantity(plan: PlanId, seats: number): number {
  return PLANS[plan].perSeat ? Math.max(1, seats) : 1;
}

/** A Stripe subscription item update, as `subscriptions.update` and `invoices.createPreview` take it. */
export type ItemChange =
  | { id: string; price: string; quantity: number }
  | { id: string; deleted: true }
  | { price: string; quantity: number };

/**
 * The item changes from the current items to `target`: the plan item's price (and quantity) swapped
 * in place, so Stripe prorates it as a change rather than a removal plus a purchase; add-ons added
 * or deleted; an interval switch re-prices every item (Stripe requires one interval per subscription).
 * Items that already match are left out. Items that name nothing of ours are left alone.
 */
export function itemChanges(
  current: readonly CurrentItem[],
  target: PlanSelection,
  seats: number,
  priceIds: ReadonlyMap<string, string>,
): ItemChange[] {
  const priceOf = (key: string | null): string => {
    const id = key ? priceIds.get(key) : undefined;
    if (!id) throw new Error(`no Stripe price for lookup key "${key}"`);
    return id;
  };
  const changes: ItemChange[] = [];
  const planKey = lookupKeyFor({ plan: target.plan }, target.interval);
  const quantity = planQuantity(target.plan, seats);
  const planItem = current.find((i) => priceByLookupKey(i.lookupKey)?.kind === "plan");
  if (planItem) {
    if (planItem.lookupKey !== planKey || planItem.quantity !== quantity) {
      changes.push({ id: planItem.id, price: priceOf(planKey), quantity });
    }
  } else {
    changes.push({ price: priceOf(planKey), quantity });
  }
  for (const addon of ADDON_IDS) {
    const key = lookupKeyFor({ addon }, target.interval);
    const item = current.find((i) => {
      const p = priceByLookupKey(i.lookupKey);
      return p?.kind === "addon" && p.ref === addon;
    });
    const wanted = target.addons.includes(addon);
    if (item && !wanted) changes.push({ id: item.id, deleted: true });
    else if (item && wanted && item.lookupKey !== key) changes.push({ id: item.id, price: priceOf(key), quantity: 1 });
    else if (!item && wanted) changes.push({ price: priceOf(key), quantity: 1 });
  }
  return changes;
}

/** The audit action naming what a change does (several at once read as a plain subscription change). */
export function changeAction(from: PlanSelection, to: PlanSelection): `billing.${string}` {
  const kinds: string[] = [];
  if (from.plan !== to.plan) kinds.push("billing.plan_change");
  if (from.interval !== to.interval) kinds.push("billing.interval_change");
  const added = to.addons.filter((a) => !from.addons.includes(a));
  const removed = from.addons.filter((a) => !to.addons.includes(a));
  if (added.length) kinds.push("billing.addon_add");
  if (removed.length) kinds.push("billing.addon_remove");
  return (kinds.length === 1 ? kinds[0] : "billing.subscription_change") as `billing.${string}`;
}

/** Whether moving from one plan to another is a step down (asks for confirmation in the console). */
export function isDowngrade(from: PlanId, to: PlanId): boolean {
  const rank: Record<PlanId, number> = { free: 0, pro: 1, business: 2, enterprise: 3 };
  return rank[to] < rank[from];
}
