import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { fieldError } from "../artists/content";
import type { TenantTx } from "../db/client";
import { artists } from "../db/schema/index";
import { isId } from "../ids";
import { displayName, lineText, multilineText } from "../validation/names";

/** Field rules for events, shared by create and update so both report the same messages. */

/** Clocks disagree; a form submitted "now" must not fail because the browser is a minute ahead of us. */
export const START_SKEW_MS = 5 * 60_000;

export const EventIdSchema = z.string().refine((v) => isId("event", v), "not an event id");

export const EventFields = {
  title: displayName("title", 140),
  venue: lineText("venue", 140),
  description: multilineText("description", 4000),
  // An offset is required: a bare local time means a different instant in every time zone.
  startsAt: z.iso
    .datetime({ offset: true, error: "startsAt must be an ISO 8601 date-time with a time zone" })
    .transform((v) => new Date(v)),
  capacity: z
    .number("capacity must be a number")
    .int("capacity must be a whole number")
    .min(1, "capacity must be at least 1")
    .max(100_000, "capacity must be at most 100000"),
  artistId: z.string().refine((v) => isId("artist", v), "not an artist id"),
};

export const STARTS_AT_PAST = "startsAt must be in the future";

export function isFutureStart(d: Date, now = Date.now()): boolean {
  return d.getTime() > now - START_SKEW_MS;
}

/** The linked artist must be one of this tenant's; anything else is the caller's mistake, not a 404. */
export async function assertArtistOfTenant(tx: TenantTx, tenantId: string, artistId: string): Promise<void> {
  const [artist] = await tx
    .select({ id: artists.id })
    .from(artists)
    .where(and(eq(artists.tenantId, tenantId), eq(artists.id, artistId)))
    .for("key share");
  if (!artist) throw fieldError("artistId", "no such artist in this organization");
}
