import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { emitAudit } from "../../audit/emit";
import { assertStaffCan } from "../../authz/ability";
import type { PlatformCtx } from "../../context";
import { type StripeEventRow, stripeEvents } from "../../db/schema/index";
import { NotFoundError, PreconditionFailedError } from "../../errors";
import { isId } from "../../ids";
import { auditCtx, platformTenantTx } from "../../tenancy";
import { parseInput } from "../../validation";

const TenantId = z.string().refine((v) => isId("tenant", v), "not a tenant id");

export const ListTenantEventsInput = z
  .object({ tenantId: TenantId, limit: z.number().int().min(1).max(500).default(100) })
  .strict();

export type TenantEventView = Pick<
  StripeEventRow,
  | "id"
  | "type"
  | "objectId"
  | "status"
  | "attempts"
  | "result"
  | "lastError"
  | "receivedAt"
  | "processedAt"
  | "stripeCreatedAt"
>;

/** Staff: the webhook events processed for a tenant, newest first (the payload stays in the database). */
export async function listTenantStripeEvents({
  ctx,
  input,
}: {
  ctx: PlatformCtx;
  input: z.input<typeof ListTenantEventsInput>;
}): Promise<TenantEventView[]> {
  assertStaffCan(ctx.ability, "platform.tenant.read");
  const data = parseInput(ListTenantEventsInput, input);
  return ctx.database.db
    .select({
      id: stripeEvents.id,
      type: stripeEvents.type,
      objectId: stripeEvents.objectId,
      status: stripeEvents.status,
      attempts: stripeEvents.attempts,
      result: stripeEvents.result,
      lastError: stripeEvents.lastError,
      receivedAt: stripeEvents.receivedAt,
      processedAt: stripeEvents.processedAt,
      stripeCreatedAt: stripeEvents.stripeCreatedAt,
    })
    .from(stripeEvents)
    .where(eq(stripeEvents.forTenantId, data.tenantId))
    .orderBy(desc(stripeEvents.receivedAt))
    .limit(data.limit);
}

export const ReplayEventInput = z
  .object({
    tenantId: TenantId,
    eventId: z.string().regex(/^evt_[A-Za-z0-9_]{1,255}$/, "not a Stripe event id"),
  })
  .strict();

/**
 * Staff: process an event again. Processing re-fetches everything from Stripe, so a replay can only
 * bring the tenant closer to Stripe's truth, never back to the event's moment. The row goes back to
 * pending and its job is queued in the same transaction as the audit event (billing.webhook.replay).
 */
export async function replayStripeEvent({
  ctx,
  input,
}: {
  ctx: PlatformCtx;
  input: z.input<typeof ReplayEventInput>;
}): Promise<{ eventId: string; scheduled: boolean }> {
  assertStaffCan(ctx.ability, "platform.billing.manage");
  const data = parseInput(ReplayEventInput, input);
  return platformTenantTx(ctx, data.tenantId, async (tx) => {
    const [before] = await tx
      .select()
      .from(stripeEvents)
      .where(and(eq(stripeEvents.id, data.eventId), eq(stripeEvents.forTenantId, data.tenantId)))
      .for("update");
    if (!before) throw new NotFoundError("This tenant has no such event.");
    if (before.status === "pending") {
      throw new PreconditionFailedError("This event is waiting to be processed already.");
    }
    await tx.update(stripeEvents).set({ status: "pending", lastError: null }).where(eq(stripeEvents.id, data.eventId));
    const [row] = await tx.$sql<
      { scheduled: boolean }[]
    >`select mw_schedule_stripe_event(${data.eventId}) as scheduled`;
    await emitAudit(tx, auditCtx(ctx), {
      action: "billing.webhook.replay",
      target: { type: "stripe_event", id: data.eventId },
      before: { status: before.status, result: before.result, attempts: before.attempts },
      after: { status: "pending", type: before.type },
    });
    return { eventId: data.eventId, scheduled: row?.scheduled === true };
  });
}
