import { and, count, eq } from "drizzle-orm";
import { z } from "zod";
import { fieldError, pickChanges } from "../artists/content";
import { emitAudit } from "../audit/emit";
import { assertCan } from "../authz/ability";
import type { TenantTx } from "../db/client";
import { type EventRow, eventRsvps, events } from "../db/schema/index";
import { NotFoundError } from "../errors";
import { assertFeature, type ProductCtx } from "../plans/guards";
import { notifyContentChanged } from "../showcase/notify";
import { assertTenantWritable, auditCtx, tenantTx } from "../tenancy";
import { parseInput } from "../validation";
import {
  assertArtistOfTenant,
  EventFields,
  EventIdSchema,
  isFutureStart,
  resolveStart,
  STARTS_AT_PAST,
} from "./fields";

export const UpdateEventInput = z
  .object({
    eventId: EventIdSchema,
    title: EventFields.title.optional(),
    venue: EventFields.venue.optional(),
    description: EventFields.description.optional(),
    /** Checked against the clock only when it changes: resaving a past event's form must work. */
    startsAt: EventFields.startsAt.optional(),
    /** Moves the event to another zone; a local `startsAt` is read in it (else in the event's own). */
    timeZone: EventFields.timeZone.optional(),
    /** `null` removes the cap. */
    capacity: EventFields.capacity.nullable().optional(),
    /** `null` unlinks the artist. */
    artistId: EventFields.artistId.nullable().optional(),
  })
  .strict();

/**
 * The event, locked for the rest of the transaction. `FOR UPDATE` also makes RSVPs to it (which
 * take `FOR NO KEY UPDATE`) wait, so a capacity check here sees a stable number of guests.
 */
export async function getEventForUpdateOrThrow(tx: TenantTx, tenantId: string, eventId: string): Promise<EventRow> {
  const [event] = await tx
    .select()
    .from(events)
    .where(and(eq(events.tenantId, tenantId), eq(events.id, eventId)))
    .for("update");
  if (!event) throw new NotFoundError("No such event.");
  return event;
}

export async function countGoing(tx: TenantTx, tenantId: string, eventId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(eventRsvps)
    .where(and(eq(eventRsvps.tenantId, tenantId), eq(eventRsvps.eventId, eventId), eq(eventRsvps.status, "going")));
  return row?.n ?? 0;
}

/** Change an event. Holders of `event.update:own` may change only events they own. */
export async function updateEvent({
  ctx,
  input,
}: {
  ctx: ProductCtx;
  input: z.input<typeof UpdateEventInput>;
}): Promise<EventRow> {
  assertCan(ctx.ability, "event.update");
  assertFeature(ctx, "events");
  const { eventId, startsAt, ...fields } = parseInput(UpdateEventInput, input);
  assertTenantWritable(ctx);
  return tenantTx(ctx, async (tx) => {
    const tenantId = ctx.tenant.id;
    const before = await getEventForUpdateOrThrow(tx, tenantId, eventId);
    assertCan(ctx.ability, "event.update", { ownerId: before.ownerId });
    const patch = {
      ...fields,
      ...(startsAt !== undefined ? { startsAt: resolveStart(startsAt, fields.timeZone ?? before.timeZone) } : {}),
    };
    const changes = pickChanges(before, patch);
    if (Object.keys(changes).length === 0) return before;
    if (changes.startsAt && !isFutureStart(changes.startsAt)) throw fieldError("startsAt", STARTS_AT_PAST);
    if (changes.artistId) await assertArtistOfTenant(tx, tenantId, changes.artistId);
    if (typeof changes.capacity === "number") {
      // Lowering the cap below the guests already going would silently overbook the event.
      const going = await countGoing(tx, tenantId, eventId);
      if (changes.capacity < going) {
        throw fieldError("capacity", `${going} people are already going; capacity cannot be lower`);
      }
    }
    const [after] = await tx
      .update(events)
      .set({ ...changes, updatedAt: new Date() })
      .where(and(eq(events.tenantId, tenantId), eq(events.id, eventId)))
      .returning();
    if (!after) throw new Error("event update returned no row");
    // The tenant's cached home page lists artists and upcoming events.
    await notifyContentChanged(tx);
    await emitAudit(tx, auditCtx(ctx), {
      action: "event.update",
      target: { type: "event", id: eventId },
      before,
      after,
    });
    return after;
  });
}
