import { z } from "zod";
import { assertOwnerIsMember, fieldError, resolveOwnerId, UserIdSchema } from "../artists/content";
import { emitAudit } from "../audit/emit";
import { assertCan } from "../authz/ability";
import { recordUsage } from "../billing/usage/record";
import { type EventRow, events } from "../db/schema/index";
import { newId } from "../ids";
import { assertFeature, type ProductCtx } from "../plans/guards";
import { notifyContentChanged } from "../showcase/notify";
import { assertTenantWritable, auditCtx, tenantTx } from "../tenancy";
import { parseInput } from "../validation";
import {
  assertArtistOfTenant,
  EventFields,
  isFutureOrLocal,
  isFutureStart,
  resolveStart,
  STARTS_AT_PAST,
} from "./fields";

export const CreateEventInput = z
  .object({
    title: EventFields.title,
    venue: EventFields.venue.default(""),
    description: EventFields.description.default(""),
    startsAt: EventFields.startsAt.refine(isFutureOrLocal, STARTS_AT_PAST),
    /** The zone the event happens in (shown in it); a local `startsAt` is read in it. Default UTC. */
    timeZone: EventFields.timeZone.optional(),
    capacity: EventFields.capacity.optional(),
    artistId: EventFields.artistId.optional(),
    /** Only for creating on someone else's behalf (see `resolveOwnerId`). */
    ownerId: UserIdSchema.optional(),
  })
  .strict();

/** Schedule an event (plan feature `events`), optionally linked to one of the tenant's artists. */
export async function createEvent({
  ctx,
  input,
}: {
  ctx: ProductCtx;
  input: z.input<typeof CreateEventInput>;
}): Promise<EventRow> {
  assertCan(ctx.ability, "event.create");
  assertFeature(ctx, "events");
  const data = parseInput(CreateEventInput, input);
  const startsAt = resolveStart(data.startsAt, data.timeZone);
  if (!isFutureStart(startsAt)) throw fieldError("startsAt", STARTS_AT_PAST);
  assertTenantWritable(ctx);
  const ownerId = resolveOwnerId(ctx, data.ownerId, "event.update");
  return tenantTx(ctx, async (tx) => {
    const tenantId = ctx.tenant.id;
    if (data.ownerId !== undefined) await assertOwnerIsMember(tx, tenantId, ownerId);
    if (data.artistId !== undefined) await assertArtistOfTenant(tx, tenantId, data.artistId);
    const [event] = await tx
      .insert(events)
      .values({
        id: newId("event"),
        tenantId,
        ownerId,
        artistId: data.artistId ?? null,
        title: data.title,
        venue: data.venue,
        description: data.description,
        startsAt,
        timeZone: data.timeZone ?? "UTC",
        capacity: data.capacity ?? null,
      })
      .returning();
    if (!event) throw new Error("event insert returned no row");
    // The tenant's cached home page lists artists and upcoming events.
    await notifyContentChanged(tx);
    await emitAudit(tx, auditCtx(ctx), {
      action: "event.create",
      target: { type: "event", id: event.id },
      after: event,
    });
    // Creating an event publishes it: metered in the same transaction, once per event.
    await recordUsage(tx, { tenantId, meter: "events_published", quantity: 1, idempotencyKey: `event:${event.id}` });
    return event;
  });
}
