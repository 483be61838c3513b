import { z } from "zod";
import { assertCan } from "../../authz/ability";
import type { TenantCtx } from "../../context";
import { PreconditionFailedError } from "../../errors";
import { assertTenantWritable } from "../../tenancy";
import { parseInput } from "../../validation";
import { type BillingDeps, fromUnix, idempotencyKey } from "./deps";
import { atStripe } from "./stripe-errors";
import { liveSubscription, recordSubscriptionChange } from "./subscription";

const NoInput = z.object({}).strict();

/**
 * Cancel at the end of the paid period: the plan stays until then (Stripe ends the subscription and
 * the webhook moves the tenant to Free); until then it can be resumed.
 */
export async function cancelSubscription({
  ctx,
  input = {},
  stripe,
}: { ctx: TenantCtx; input?: z.input<typeof NoInput> } & BillingDeps): Promise<{ endsAt: Date | null }> {
  assertCan(ctx.ability, "billing.manage");
  parseInput(NoInput, input);
  assertTenantWritable(ctx);
  const live = await liveSubscription(ctx, stripe);
  if (live.subscription.cancel_at_period_end) {
    throw new PreconditionFailedError("This subscription is already set to end with the current period.");
  }
  const subscription = await atStripe(() =>
    stripe.subscriptions.update(
      live.subscription.id,
      { cancel_at_period_end: true },
      { idempotencyKey: idempotencyKey(ctx, "cancel") },
    ),
  );
  const endsAt = fromUnix(subscription.cancel_at ?? periodEnd(subscription));
  await recordSubscriptionChange(ctx, subscription, {
    action: "billing.subscription_cancel",
    target: { type: "subscription", id: subscription.id },
    before: { cancelAtPeriodEnd: false },
    after: { cancelAtPeriodEnd: true, endsAt: endsAt?.toISOString() ?? null },
  });
  return { endsAt };
}

/** Undo a cancellation that has not taken effect yet: the subscription renews as before. */
export async function resumeSubscription({
  ctx,
  input = {},
  stripe,
}: { ctx: TenantCtx; input?: z.input<typeof NoInput> } & BillingDeps): Promise<{ renewsAt: Date | null }> {
  assertCan(ctx.ability, "billing.manage");
  parseInput(NoInput, input);
  assertTenantWritable(ctx);
  const live = await liveSubscription(ctx, stripe);
  if (!live.subscription.cancel_at_period_end && !live.subscription.cancel_at) {
    throw new PreconditionFailedError("This subscription is not set to end; there is nothing to resume.");
  }
  const subscription = await atStripe(() =>
    stripe.subscriptions.update(
      live.subscription.id,
      { cancel_at_period_end: false },
      { idempotencyKey: idempotencyKey(ctx, "resume") },
    ),
  );
  await recordSubscriptionChange(ctx, subscription, {
    action: "billing.subscription_resume",
    target: { type: "subscription", id: subscription.id },
    before: { cancelAtPeriodEnd: true },
    after: { cancelAtPeriodEnd: false },
  });
  return { renewsAt: fromUnix(periodEnd(subscription)) };
}

/** The end of the current period (on the items since API 2025-03; the latest across them). */
export function periodEnd(subscription: { items: { data: { current_period_end?: number | null }[] } }): number | null {
  const ends = subscription.items.data.map((i) => i.current_period_end ?? 0).filter((n) => n > 0);
  return ends.length ? Math.max(...ends) : null;
}
