import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { fieldError } from "../artists/content";
import type { TenantTx } from "../db/client";
import { artists } from "../db/schema/index";
import { isId } from "../ids";
import { canonicalTimeZone, LOCAL_DATE_TIME, type ZonedInstant, zonedTimeToInstant } from "../ui/dates";
import { displayName, lineText, multilineText } from "../validation/names";

/** Field rules for events, shared by create and update so both report the same messages. */

/** Clocks disagree; a form submitted "now" must not fail because the browser is a minute ahead of us. */
export const START_SKEW_MS = 5 * 60_000;

const START_FORMAT = "startsAt must be an ISO 8601 date-time with a time zone, or a local date-time with timeZone";
const WITH_OFFSET = z.iso.datetime({ offset: true });

export const EventIdSchema = z.string().refine((v) => isId("event", v), "not an event id");

export const EventFields = {
  title: displayName("title", 140),
  venue: lineText("venue", 140),
  description: multilineText("description", 4000),
  // An instant (ISO 8601 with an offset), or a wall-clock time in the event's `timeZone`, as the
  // form sends it; `resolveStart` turns either into the instant. A bare local time without a zone
  // would mean a different instant in every time zone.
  startsAt: z
    .string(START_FORMAT)
    .trim()
    .refine((v) => LOCAL_DATE_TIME.test(v) || WITH_OFFSET.safeParse(v).success, START_FORMAT)
    // An instant is known at once (and checked with the other fields); a wall time needs the zone.
    .transform((v): Date | string => (LOCAL_DATE_TIME.test(v) ? v : new Date(v))),
  timeZone: z.string("timeZone must be a text").transform((v, ctx) => {
    const zone = canonicalTimeZone(v.trim());
    if (zone) return zone;
    ctx.addIssue({ code: "custom", message: "timeZone must be a time zone such as Europe/Oslo or UTC" });
    return z.NEVER;
  }),
  capacity: z
    .number("capacity must be a number")
    .int("capacity must be a whole number")
    .min(1, "capacity must be at least 1")
    .max(100_000, "capacity must be at most 100000"),
  artistId: z.string().refine((v) => isId("artist", v), "not an artist id"),
};

export const STARTS_AT_PAST = "startsAt must be in the future";

/**
 * The instant an event starts: `startsAt` as given when it carries an offset, else read as a wall
 * time in `timeZone` (DST-safe). A wall time the clocks skip is refused — the event would silently
 * move by an hour; one that happens twice (clocks going back) is its first occurrence.
 */
export function resolveStart(startsAt: Date | string, timeZone: string | undefined): Date {
  if (startsAt instanceof Date) return startsAt;
  if (!timeZone) throw fieldError("startsAt", START_FORMAT);
  let zoned: ZonedInstant;
  try {
    zoned = zonedTimeToInstant(startsAt, timeZone);
  } catch {
    throw fieldError("startsAt", "startsAt is not a date and time that exists on the calendar");
  }
  if (zoned.kind === "gap") {
    throw fieldError(
      "startsAt",
      `${startsAt.replace("T", " ")} does not exist in ${timeZone}: the clocks go forward past it. Choose a time after the change.`,
    );
  }
  return zoned.instant;
}

export function isFutureStart(d: Date, now = Date.now()): boolean {
  return d.getTime() > now - START_SKEW_MS;
}

/** For the field check: a wall time is checked once `resolveStart` has read it in its zone. */
export const isFutureOrLocal = (d: Date | string): boolean => typeof d === "string" || isFutureStart(d);

/** The linked artist must be one of this tenant's; anything else is the caller's mistake, not a 404. */
export async function assertArtistOfTenant(tx: TenantTx, tenantId: string, artistId: string): Promise<void> {
  const [artist] = await tx
    .select({ id: artists.id })
    .from(artists)
    .where(and(eq(artists.tenantId, tenantId), eq(artists.id, artistId)))
    .for("key share");
  if (!artist) throw fieldError("artistId", "no such artist in this organization");
}
