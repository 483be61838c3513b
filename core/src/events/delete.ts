import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { emitAudit } from "../audit/emit";
import { assertCan } from "../authz/ability";
import { events } from "../db/schema/index";
import { assertFeature, type ProductCtx } from "../plans/guards";
import { notifyContentChanged } from "../showcase/notify";
import { assertTenantWritable, auditCtx, tenantTx } from "../tenancy";
import { parseInput } from "../validation";
import { EventIdSchema } from "./fields";
import { countGoing, getEventForUpdateOrThrow } from "./update";

export const DeleteEventInput = z.object({ eventId: EventIdSchema }).strict();

/** Delete an event and its RSVPs (cascade); the audit event keeps how many were going. */
export async function deleteEvent({
  ctx,
  input,
}: {
  ctx: ProductCtx;
  input: z.input<typeof DeleteEventInput>;
}): Promise<{ id: string }> {
  assertCan(ctx.ability, "event.delete");
  assertFeature(ctx, "events");
  const { eventId } = parseInput(DeleteEventInput, input);
  assertTenantWritable(ctx);
  return tenantTx(ctx, async (tx) => {
    const tenantId = ctx.tenant.id;
    const event = await getEventForUpdateOrThrow(tx, tenantId, eventId);
    assertCan(ctx.ability, "event.delete", { ownerId: event.ownerId });
    const going = await countGoing(tx, tenantId, eventId);
    await tx.delete(events).where(and(eq(events.tenantId, tenantId), eq(events.id, eventId)));
    // The tenant's cached home page lists artists and upcoming events.
    await notifyContentChanged(tx);
    await emitAudit(tx, auditCtx(ctx), {
      action: "event.delete",
      target: { type: "event", id: eventId },
      before: { ...event, going },
    });
    return { id: eventId };
  });
}
