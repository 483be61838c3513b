import { and, asc, desc, eq, gte, sql } from "drizzle-orm";
import { type Database, readTenant } from "../db/client";
import { artists, events } from "../db/schema/index";
import { isId } from "../ids";
import { type EntitledTenant, type FeatureSignals, featureAvailability } from "../plans/availability";

/**
 * The public showcase on a tenant's home page: its upcoming events and featured artists. The home
 * page is public and cached (ADR 0004), so this read has no actor and no ability: it returns only
 * what a directory card shows to anyone — names, genres, titles, venues, times — never bios,
 * descriptions, capacities, RSVPs or owners. The tenant is the one the host resolved (the caller
 * passes the resolver's copy), never one the client named.
 */

/** How many of each the home page shows: a taste, with links to the full directories. */
export const SHOWCASE_LIMITS = { events: 6, artists: 6 } as const;

export interface ShowcaseEvent {
  id: string;
  title: string;
  venue: string;
  startsAt: Date;
  /** The event's own zone: its time is shown there, wherever the reader is. */
  timeZone: string;
  artistName: string | null;
}

export interface ShowcaseArtist {
  id: string;
  name: string;
  genre: string;
  country: string;
}

export interface TenantShowcase {
  /** Soonest first, not yet started. `null` when the tenant may not use events now (plan gate). */
  events: ShowcaseEvent[] | null;
  /** Artists with the soonest upcoming events first, then the newest. */
  artists: ShowcaseArtist[];
}

export async function readTenantShowcase({
  database,
  tenant,
  signals,
  limits = SHOWCASE_LIMITS,
}: {
  database: Database;
  tenant: EntitledTenant & { id: string };
  /** Flags and dunning, as the runtime evaluates them for the tenant (never from the client). */
  signals?: FeatureSignals;
  limits?: { events: number; artists: number };
}): Promise<TenantShowcase> {
  if (!isId("tenant", tenant.id)) throw new Error("readTenantShowcase: not a tenant id");
  // Same rule as the events list: plan entitlement ∧ overrides ∧ flag ∧ dunning ∧ status, as a
  // read (a restricted tenant's events stay readable while it pays; a suspended one shows nothing).
  const withEvents = featureAvailability(tenant, "events", signals, "read").available;
  const tenantId = tenant.id;
  const upcoming = and(eq(events.tenantId, tenantId), gte(events.startsAt, sql`now()`));
  // Featured: an artist playing soon comes first, so the two sections tell one story; artists
  // with nothing scheduled (or a tenant without events) follow, newest first.
  const nextShow = sql<Date | null>`(select min(${events.startsAt}) from ${events}
      where ${events.tenantId} = ${artists.tenantId} and ${events.artistId} = ${artists.id}
        and ${events.startsAt} >= now())`;
  return readTenant(database, tenantId, async (tx) => {
    const [eventRows, artistRows] = await Promise.all([
      withEvents
        ? tx
            .select({
              id: events.id,
              title: events.title,
              venue: events.venue,
              startsAt: events.startsAt,
              timeZone: events.timeZone,
              artistName: artists.name,
            })
            .from(events)
            .leftJoin(artists, and(eq(artists.tenantId, events.tenantId), eq(artists.id, events.artistId)))
            .where(upcoming)
            .orderBy(asc(events.startsAt), asc(events.id))
            .limit(limits.events)
        : Promise.resolve(null),
      tx
        .select({ id: artists.id, name: artists.name, genre: artists.genre, country: artists.country })
        .from(artists)
        .where(eq(artists.tenantId, tenantId))
        .orderBy(...(withEvents ? [sql`${nextShow} asc nulls last`] : []), desc(artists.createdAt), asc(artists.id))
        .limit(limits.artists),
    ]);
    return { events: eventRows, artists: artistRows };
  });
}
