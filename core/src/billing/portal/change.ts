import { z } from "zod";
import type { Stripe } from "../../adapters/stripe";
import { assertCan } from "../../authz/ability";
import type { TenantCtx } from "../../context";
import { PreconditionFailedError } from "../../errors";
import { ADDON_IDS, ADDONS, PLANS } from "../../plans/catalog";
import { assertTenantWritable } from "../../tenancy";
import { parseInput } from "../../validation";
import { type BillingDeps, fromUnix, idempotencyKey, unixSeconds } from "./deps";
import {
  changeAction,
  type ItemChange,
  itemChanges,
  lookupKeysOf,
  type PlanSelection,
  SELF_SERVE_PLANS,
  selectionOf,
} from "./plan-state";
import { priceIdsFor } from "./prices";
import { atStripe } from "./stripe-errors";
import { type LiveSubscription, liveSubscription, recordSubscriptionChange } from "./subscription";

/** The subscription a billing manager wants: plan, billing interval and add-ons, all at once. */
export const SubscriptionTarget = z
  .object({
    plan: z.enum(SELF_SERVE_PLANS, { error: "choose Pro or Business (Enterprise is arranged with our team)" }),
    interval: z.enum(["month", "year"], { error: "choose monthly or yearly billing" }),
    addons: z
      .array(z.enum(ADDON_IDS, { error: `add-ons are ${ADDON_IDS.join(", ")}` }))
      .max(ADDON_IDS.length)
      .default([])
      .transform((list) => ADDON_IDS.filter((a) => list.includes(a))),
  })
  .strict();

export const ChangeSubscriptionInput = SubscriptionTarget.extend({
  /**
   * The proration time of the preview the person confirmed (unix seconds), so the charge is the one
   * shown. Older than an hour, the preview is stale and is shown again.
   */
  prorationDate: z.number().int().positive().optional(),
}).strict();

const PRORATION_DATE_MAX_AGE_S = 60 * 60;

interface PlannedChange {
  live: LiveSubscription;
  from: PlanSelection;
  to: PlanSelection;
  changes: ItemChange[];
}

async function planChange(ctx: TenantCtx, stripe: Stripe, to: PlanSelection): Promise<PlannedChange> {
  const live = await liveSubscription(ctx, stripe);
  const from = selectionOf(live.items);
  if (!from) {
    throw new PreconditionFailedError(
      "This subscription was arranged with our team (a custom price); ask MusicalWheel to change it.",
    );
  }
  const prices = await priceIdsFor(stripe, lookupKeysOf(to));
  const changes = itemChanges(live.items, to, live.ledger.activeMembers, prices);
  if (changes.length === 0)
    throw new PreconditionFailedError("That is the subscription you have already; nothing to change.");
  return { live, from, to, changes };
}

export interface PreviewLine {
  id: string;
  description: string;
  amountCents: number;
  proration: boolean;
  periodStart: Date | null;
  periodEnd: Date | null;
}

export interface ChangePreview {
  from: PlanSelection;
  to: PlanSelection;
  currency: string;
  /** What the change itself costs (positive) or credits (negative) for the rest of the period. */
  prorationCents: number;
  /** The next invoice with the change: its total and when it is charged. */
  amountDueCents: number;
  dueAt: Date | null;
  lines: PreviewLine[];
  /** Pass back to `changeSubscription` so the charge is the one shown. */
  prorationDate: number;
  /** During a trial nothing is charged until the trial ends. */
  trialing: boolean;
}

/**
 * What a change would cost, before it is made: Stripe's preview of the next invoice with the items
 * changed (`invoices.createPreview`), prorated at `prorationDate`. Nothing changes at Stripe.
 */
export async function previewSubscriptionChange({
  ctx,
  input,
  stripe,
}: { ctx: TenantCtx; input: z.input<typeof SubscriptionTarget> } & BillingDeps): Promise<ChangePreview> {
  assertCan(ctx.ability, "billing.manage");
  const to = parseInput(SubscriptionTarget, input);
  const plan = await planChange(ctx, stripe, to);
  const prorationDate = unixSeconds();
  const invoice = await atStripe(() =>
    stripe.invoices.createPreview({
      customer: plan.live.customerId,
      subscription: plan.live.subscription.id,
      subscription_details: {
        items: plan.changes,
        proration_behavior: "create_prorations",
        proration_date: prorationDate,
      },
    }),
  );
  const lines: PreviewLine[] = invoice.lines.data.map((line) => ({
    id: line.id,
    description: line.description ?? "Subscription",
    amountCents: line.amount,
    proration: Boolean(
      line.parent?.subscription_item_details?.proration || line.parent?.invoice_item_details?.proration,
    ),
    periodStart: fromUnix(line.period?.start),
    periodEnd: fromUnix(line.period?.end),
  }));
  return {
    from: plan.from,
    to: plan.to,
    currency: invoice.currency,
    prorationCents: lines.filter((l) => l.proration).reduce((sum, l) => sum + l.amountCents, 0),
    amountDueCents: invoice.amount_due,
    dueAt: fromUnix(invoice.next_payment_attempt ?? invoice.period_end),
    lines,
    prorationDate,
    trialing: plan.live.subscription.status === "trialing",
  };
}

/**
 * Change plan, billing interval or add-ons: the subscription's items updated at Stripe with
 * prorations (the plan item re-priced in place; for Business its quantity is the member count),
 * then the returned subscription applied here and the change audited in one transaction.
 */
export async function changeSubscription({
  ctx,
  input,
  stripe,
}: { ctx: TenantCtx; input: z.input<typeof ChangeSubscriptionInput> } & BillingDeps): Promise<{
  from: PlanSelection;
  to: PlanSelection;
  subscription: Stripe.Subscription;
}> {
  assertCan(ctx.ability, "billing.manage");
  const { prorationDate, ...to } = parseInput(ChangeSubscriptionInput, input);
  assertTenantWritable(ctx);
  const now = unixSeconds();
  if (prorationDate !== undefined && (prorationDate > now + 60 || prorationDate < now - PRORATION_DATE_MAX_AGE_S)) {
    throw new PreconditionFailedError("This price preview has expired; open the change again to see today's amount.");
  }
  const plan = await planChange(ctx, stripe, to);
  const subscription = await atStripe(() =>
    stripe.subscriptions.update(
      plan.live.subscription.id,
      {
        items: plan.changes,
        proration_behavior: "create_prorations",
        ...(prorationDate !== undefined ? { proration_date: prorationDate } : {}),
        metadata: { tenantId: ctx.tenant.id },
      },
      { idempotencyKey: idempotencyKey(ctx, "change", to.plan, to.interval, to.addons.join("+") || "no-addons") },
    ),
  );
  await recordSubscriptionChange(ctx, subscription, {
    action: changeAction(plan.from, to),
    target: { type: "subscription", id: subscription.id },
    before: plan.from,
    after: to,
  });
  return { from: plan.from, to, subscription };
}

/** A selection in words ("Pro yearly + Analytics"), for idempotency keys and messages. */
export function describe(s: PlanSelection): string {
  const base = `${PLANS[s.plan].name} ${s.interval === "year" ? "yearly" : "monthly"}`;
  return s.addons.length ? `${base} + ${s.addons.map((a) => ADDONS[a].name).join(", ")}` : base;
}
