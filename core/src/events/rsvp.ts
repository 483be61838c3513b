import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { emitAudit } from "../audit/emit";
import { assertCan } from "../authz/ability";
import { recordUsage } from "../billing/usage/record";
import type { TenantTx } from "../db/client";
import { eventRsvps, events } from "../db/schema/index";
import { ConflictError, NotFoundError, PreconditionFailedError } from "../errors";
import { assertFeature, type ProductCtx } from "../plans/guards";
import { assertTenantWritable, auditCtx, tenantTx } from "../tenancy";
import { parseInput } from "../validation";
import { EventIdSchema } from "./fields";
import type { RsvpStatus } from "./list";
import { countGoing } from "./update";

export const RsvpEventInput = z
  .object({
    eventId: EventIdSchema,
    /** `none` withdraws the RSVP. */
    status: z.enum(["going", "interested", "none"], 'status must be "going", "interested" or "none"'),
  })
  .strict();

export type RsvpChoice = z.infer<typeof RsvpEventInput>["status"];

async function tallies(tx: TenantTx, tenantId: string, eventId: string) {
  const [row] = await tx
    .select({
      going: sql<number>`count(*) filter (where ${eventRsvps.status} = 'going')`.mapWith(Number),
      interested: sql<number>`count(*) filter (where ${eventRsvps.status} = 'interested')`.mapWith(Number),
    })
    .from(eventRsvps)
    .where(and(eq(eventRsvps.tenantId, tenantId), eq(eventRsvps.eventId, eventId)));
  return { going: row?.going ?? 0, interested: row?.interested ?? 0 };
}

/**
 * Set the signed-in member's answer to an event. Idempotent: repeating the current answer writes
 * nothing. "going" respects the event's capacity; answers close when the event starts.
 */
export async function rsvpEvent({
  ctx,
  input,
}: {
  ctx: ProductCtx;
  input: z.input<typeof RsvpEventInput>;
}): Promise<{ eventId: string; status: RsvpChoice; going: number; interested: number }> {
  assertCan(ctx.ability, "event.rsvp");
  assertFeature(ctx, "events");
  const { eventId, status } = parseInput(RsvpEventInput, input);
  assertTenantWritable(ctx);
  // An RSVP is a person's answer; keys and the platform have no one to answer for.
  if (ctx.actor.type !== "user") throw new PreconditionFailedError("Only a signed-in member can RSVP.");
  const userId = ctx.actor.userId;
  return tenantTx(ctx, async (tx) => {
    const tenantId = ctx.tenant.id;
    // Answers to one event take turns, so two last seats cannot both be taken. NO KEY UPDATE
    // serializes them without blocking foreign-key checks of unrelated inserts.
    const [event] = await tx
      .select({ id: events.id, startsAt: events.startsAt, capacity: events.capacity })
      .from(events)
      .where(and(eq(events.tenantId, tenantId), eq(events.id, eventId)))
      .for("no key update");
    if (!event) throw new NotFoundError("No such event.");
    const [current] = await tx
      .select({ status: eventRsvps.status })
      .from(eventRsvps)
      .where(and(eq(eventRsvps.tenantId, tenantId), eq(eventRsvps.eventId, eventId), eq(eventRsvps.userId, userId)));
    const previous: RsvpStatus | "none" = current?.status ?? "none";
    if (previous !== status) {
      if (status === "none") {
        await tx
          .delete(eventRsvps)
          .where(
            and(eq(eventRsvps.tenantId, tenantId), eq(eventRsvps.eventId, eventId), eq(eventRsvps.userId, userId)),
          );
      } else {
        if (event.startsAt.getTime() <= Date.now())
          throw new PreconditionFailedError("This event has already started.");
        if (status === "going" && event.capacity !== null) {
          if ((await countGoing(tx, tenantId, eventId)) >= event.capacity)
            throw new ConflictError("This event is full.");
        }
        await tx
          .insert(eventRsvps)
          .values({ tenantId, eventId, userId, status })
          .onConflictDoUpdate({
            target: [eventRsvps.tenantId, eventRsvps.eventId, eventRsvps.userId],
            set: { status },
          });
      }
      // Metered once per person and event: changing or withdrawing an answer is not another RSVP.
      if (status !== "none") {
        await recordUsage(tx, { tenantId, meter: "rsvps", quantity: 1, idempotencyKey: `rsvp:${eventId}:${userId}` });
      }
      await emitAudit(tx, auditCtx(ctx), {
        action: "event.rsvp",
        target: { type: "event", id: eventId },
        before: { userId, status: previous },
        after: { userId, status },
      });
    }
    return { eventId, status, ...(await tallies(tx, tenantId, eventId)) };
  });
}
