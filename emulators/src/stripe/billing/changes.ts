import type Stripe from "stripe";
import { stripeErrors } from "../errors";
import { assertCompatiblePrices } from "./create";
import { attemptPayment, buildInvoice, type DraftLine, type Engine, finalizeInvoice } from "./invoicing";
import { billPeriod, nextPeriodEnd, recurringLines, setStatus } from "./lifecycle";
import { buildItem, itemsOf, periodOf, productName, setItems, setPeriod } from "./objects";
import { remainingFraction } from "./periods";
import { subscriptionState } from "./state";

export interface ItemChange {
  id?: string;
  price?: Stripe.Price;
  quantity?: number;
  deleted?: boolean;
  metadata?: Record<string, string>;
}

export type ProrationBehavior = "create_prorations" | "none" | "always_invoice";

interface PlannedItem {
  existing: Stripe.SubscriptionItem | null;
  price: Stripe.Price;
  quantity: number;
  metadata: Record<string, string>;
}

/** The item list after `changes` (items named by id change; others are added; `deleted` removes). */
export function planItems(sub: Stripe.Subscription, changes: ItemChange[]): PlannedItem[] {
  const planned: PlannedItem[] = itemsOf(sub).map((i) => ({
    existing: i,
    price: i.price,
    quantity: i.quantity ?? 1,
    metadata: i.metadata,
  }));
  changes.forEach((c, index) => {
    if (c.id) {
      const at = planned.findIndex((p) => p.existing?.id === c.id);
      if (at === -1) throw stripeErrors.noSuch("subscription item", c.id, `items[${index}][id]`);
      const item = planned[at] as PlannedItem;
      if (c.deleted) {
        planned.splice(at, 1);
        return;
      }
      if (c.price) item.price = c.price;
      if (c.quantity !== undefined) item.quantity = c.quantity;
      if (c.metadata) item.metadata = { ...item.metadata, ...c.metadata };
      return;
    }
    if (!c.price) throw stripeErrors.missingParam(`items[${index}][price]`);
    if (planned.some((p) => p.price.id === c.price?.id)) {
      throw stripeErrors.badRequest(
        "Cannot add multiple subscription items with the same price. Update the quantity of the existing item instead.",
        { param: `items[${index}][price]` },
      );
    }
    planned.push({ existing: null, price: c.price, quantity: c.quantity ?? 1, metadata: c.metadata ?? {} });
  });
  if (planned.length === 0) throw stripeErrors.badRequest("A subscription must have at least one item.");
  assertCompatiblePrices(planned.map((p) => p.price));
  return planned;
}

const dateText = (ts: number) => new Date(ts * 1000).toISOString().slice(0, 10);

/** Credit for the unused part of what changed, charge for the rest of the period at the new terms. */
export function prorationLines(
  engine: Engine,
  sub: Stripe.Subscription,
  planned: PlannedItem[],
  at: number,
): DraftLine[] {
  const period = periodOf(sub);
  const f = remainingFraction(period.start, period.end, at);
  const lines: DraftLine[] = [];
  const span = { start: at, end: period.end };
  for (const old of itemsOf(sub)) {
    const now = planned.find((p) => p.existing?.id === old.id);
    if (now && now.price.id === old.price.id && now.quantity === (old.quantity ?? 1)) continue;
    const qty = old.quantity ?? 1;
    lines.push({
      amount: -Math.round((old.price.unit_amount ?? 0) * qty * f),
      description: `Unused time on ${qty} × ${productName(engine.store, old.price)} after ${dateText(at)}`,
      period: span,
      price: old.price,
      quantity: qty,
      subscriptionItem: old.id,
      proration: true,
    });
  }
  for (const p of planned) {
    const old = p.existing;
    if (old && old.price.id === p.price.id && (old.quantity ?? 1) === p.quantity) continue;
    lines.push({
      amount: Math.round((p.price.unit_amount ?? 0) * p.quantity * f),
      description: `Remaining time on ${p.quantity} × ${productName(engine.store, p.price)} after ${dateText(at)}`,
      period: span,
      price: p.price,
      quantity: p.quantity,
      subscriptionItem: old?.id ?? "si_pending",
      proration: true,
    });
  }
  return lines.filter((l) => l.amount !== 0);
}

const intervalKey = (price: Stripe.Price) => `${price.recurring?.interval}/${price.recurring?.interval_count}`;

/**
 * Applies item changes as Stripe does: during a trial nothing is prorated; a change of billing
 * interval restarts the cycle now and invoices at once (credit for the unused time); otherwise the
 * difference is prorated — kept for the next invoice (`create_prorations`), invoiced now
 * (`always_invoice`) or dropped (`none`).
 */
export function applyItemChanges(
  engine: Engine,
  sub: Stripe.Subscription,
  changes: ItemChange[],
  behavior: ProrationBehavior,
  at: number,
): void {
  const planned = planItems(sub, changes);
  const before = structuredClone(sub);
  const oldInterval = itemsOf(sub)[0] ? intervalKey((itemsOf(sub)[0] as Stripe.SubscriptionItem).price) : "";
  const newInterval = intervalKey((planned[0] as PlannedItem).price);
  const trialing = sub.status === "trialing";
  const lines = trialing || behavior === "none" ? [] : prorationLines(engine, sub, planned, at);
  const period = periodOf(sub);
  const items = planned.map((p) => {
    if (p.existing) {
      p.existing.price = p.price;
      p.existing.quantity = p.quantity;
      p.existing.metadata = p.metadata;
      return p.existing;
    }
    return buildItem(engine.store, sub.id, p.price, p.quantity, period, p.metadata);
  });
  setItems(sub, items);
  for (const l of lines)
    if (l.subscriptionItem === "si_pending")
      l.subscriptionItem = items.find((i) => i.price.id === l.price?.id)?.id ?? null;

  if (!trialing && oldInterval !== newInterval) {
    sub.billing_cycle_anchor = at;
    const next = { start: at, end: nextPeriodEnd(sub, at) };
    setPeriod(sub, next);
    const credits = behavior === "none" ? [] : lines.filter((l) => l.amount < 0);
    const { paid } = billPeriod(
      engine,
      sub,
      "subscription_update",
      [...credits, ...recurringLines(engine, sub, next)],
      next,
      {
        offSession: true,
      },
    );
    if (!paid && sub.status === "active") setStatus(engine, sub, "past_due", before);
    else engine.events.emit("customer.subscription.updated", sub, { previous: before });
    return;
  }
  if (lines.length && behavior === "create_prorations") {
    const state = subscriptionState(engine.store, sub.id);
    for (const l of lines) {
      state.pending.push({
        id: engine.store.id("ii"),
        amount: l.amount,
        description: l.description,
        priceId: l.price?.id ?? "",
        quantity: l.quantity ?? 1,
        subscriptionItem: l.subscriptionItem ?? "",
        period: l.period,
      });
    }
  }
  if (lines.length && behavior === "always_invoice") {
    const invoice = buildInvoice(engine, {
      customer: engine.store.getOrThrow<Stripe.Customer>("customer", sub.customer as string, "customer"),
      subscription: sub,
      reason: "subscription_update",
      lines,
      periodStart: at,
      periodEnd: period.end,
    });
    sub.latest_invoice = invoice.id;
    finalizeInvoice(engine, invoice);
    if (invoice.status === "open" && sub.collection_method === "charge_automatically") {
      const result = attemptPayment(engine, invoice, { offSession: true });
      if (!result.ok && sub.status === "active") {
        setStatus(engine, sub, "past_due", before);
        return;
      }
    }
  }
  engine.events.emit("customer.subscription.updated", sub, { previous: before });
}

/**
 * The invoice a change would produce (`invoices.createPreview`): the proration lines for the change
 * now plus the next period at the new terms; with no change, the next renewal invoice.
 */
export function previewInvoice(
  engine: Engine,
  sub: Stripe.Subscription,
  changes: ItemChange[] | null,
  behavior: ProrationBehavior,
  at: number,
): Stripe.Invoice {
  const customer = engine.store.getOrThrow<Stripe.Customer>("customer", sub.customer as string, "customer");
  const trialing = sub.status === "trialing";
  const planned = changes ? planItems(sub, changes) : null;
  const prorations = planned && !trialing && behavior !== "none" ? prorationLines(engine, sub, planned, at) : [];
  const pending = subscriptionState(engine.store, sub.id).pending.map<DraftLine>((p) => ({
    amount: p.amount,
    description: p.description,
    period: p.period,
    price: engine.store.get<Stripe.Price>(p.priceId) ?? null,
    quantity: p.quantity,
    subscriptionItem: p.subscriptionItem,
    proration: true,
  }));
  // The preview works on a copy: nothing about the subscription changes.
  const copy = structuredClone(sub);
  if (planned) {
    setItems(
      copy,
      planned.map((p) =>
        p.existing
          ? { ...structuredClone(p.existing), price: p.price, quantity: p.quantity }
          : buildItem(engine.store, sub.id, p.price, p.quantity, periodOf(sub)),
      ),
    );
  }
  const intervalChanged =
    planned &&
    !trialing &&
    intervalKey((planned[0] as PlannedItem).price) !== intervalKey((itemsOf(sub)[0] as Stripe.SubscriptionItem).price);
  const start = intervalChanged ? at : periodOf(sub).end;
  if (intervalChanged) copy.billing_cycle_anchor = at;
  const next = { start, end: nextPeriodEnd(copy, start) };
  const lines = [
    ...pending,
    ...(intervalChanged ? prorations.filter((l) => l.amount < 0) : prorations),
    ...recurringLines(engine, copy, next),
  ];
  return buildInvoice(engine, {
    customer,
    subscription: copy,
    reason: changes ? "subscription_update" : "upcoming",
    lines,
    periodStart: next.start,
    periodEnd: next.end,
    preview: true,
  });
}
