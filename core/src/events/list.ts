import { and, asc, count, desc, eq, getTableColumns, gte, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { type Page, PageSchema } from "../artists/content";
import { assertCan } from "../authz/ability";
import type { TenantCtx } from "../context";
import { readTenant } from "../db/client";
import { type EventRow, eventRsvps, events, type rsvpStatus } from "../db/schema/index";
import { NotFoundError } from "../errors";
import { assertFeature, type ProductCtx } from "../plans/guards";
import { parseInput } from "../validation";
import { EventIdSchema } from "./fields";

export type RsvpStatus = (typeof rsvpStatus.enumValues)[number];

/** An event as lists and pages show it: with its guest tallies and the viewer's own answer. */
export type EventWithRsvps = EventRow & { going: number; interested: number; myRsvp: RsvpStatus | null };

/**
 * Columns of `events` plus correlated tallies. Per-row subqueries (on the RSVP primary key, which
 * leads with tenant and event) cost a page's worth of lookups, where a grouped join would count
 * every RSVP of the tenant before paging.
 */
function eventWithRsvpsColumns(ctx: TenantCtx) {
  const tenantId = ctx.tenant.id;
  const userId = ctx.actor.type === "user" ? ctx.actor.userId : null;
  const ofThisEvent = sql`${eventRsvps.tenantId} = ${tenantId} and ${eventRsvps.eventId} = ${events.id}`;
  const tally = (status: RsvpStatus) =>
    sql<number>`(select count(*) from ${eventRsvps} where ${ofThisEvent} and ${eventRsvps.status} = ${status})`.mapWith(
      Number,
    );
  return {
    ...getTableColumns(events),
    going: tally("going"),
    interested: tally("interested"),
    // API keys and the platform have no RSVP of their own.
    myRsvp:
      userId === null
        ? sql<RsvpStatus | null>`null`
        : sql<RsvpStatus | null>`(select ${eventRsvps.status} from ${eventRsvps} where ${ofThisEvent} and ${eventRsvps.userId} = ${userId})`,
  };
}

export const ListEventsInput = z
  .object({
    /** Only events that have not started yet, soonest first; otherwise all events, latest first. */
    upcomingOnly: z.boolean().default(false),
    ...PageSchema,
  })
  .strict();

export async function listEvents({
  ctx,
  input = {},
}: {
  ctx: ProductCtx;
  input?: z.input<typeof ListEventsInput>;
}): Promise<Page<EventWithRsvps>> {
  assertCan(ctx.ability, "event.read");
  assertFeature(ctx, "events", "read");
  const { upcomingOnly, page, pageSize } = parseInput(ListEventsInput, input);
  const tenantId = ctx.tenant.id;
  const conditions: SQL[] = [eq(events.tenantId, tenantId)];
  if (upcomingOnly) conditions.push(gte(events.startsAt, sql`now()`));
  const where = and(...conditions);
  const order = upcomingOnly ? [asc(events.startsAt), asc(events.id)] : [desc(events.startsAt), desc(events.id)];
  // As in listArtists: the total rides along; only a page past the end needs its own count.
  const rows = await readTenant(ctx.database, tenantId, (tx) =>
    tx
      .select({ ...eventWithRsvpsColumns(ctx), total: sql<number>`count(*) over ()`.mapWith(Number) })
      .from(events)
      .where(where)
      .orderBy(...order)
      .limit(pageSize)
      .offset((page - 1) * pageSize),
  );
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && page > 1) {
    const [counted] = await readTenant(ctx.database, tenantId, (tx) =>
      tx.select({ n: count() }).from(events).where(where),
    );
    total = counted?.n ?? 0;
  }
  const items = rows.map(({ total: _total, ...event }) => event);
  return { items, total, page, pageSize };
}

export const GetEventInput = z.object({ eventId: EventIdSchema }).strict();

export async function getEventOrThrow({
  ctx,
  input,
}: {
  ctx: ProductCtx;
  input: z.input<typeof GetEventInput>;
}): Promise<EventWithRsvps> {
  assertCan(ctx.ability, "event.read");
  assertFeature(ctx, "events", "read");
  const { eventId } = parseInput(GetEventInput, input);
  const [event] = await readTenant(ctx.database, ctx.tenant.id, (tx) =>
    tx
      .select(eventWithRsvpsColumns(ctx))
      .from(events)
      .where(and(eq(events.tenantId, ctx.tenant.id), eq(events.id, eventId))),
  );
  if (!event) throw new NotFoundError("No such event.");
  return event;
}
