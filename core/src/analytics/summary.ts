import { sql } from "drizzle-orm";
import { assertCan } from "../authz/ability";
import { artists, eventRsvps, events, memberships } from "../db/schema/index";
import { assertFeature, type ProductCtx } from "../plans/guards";
import { tenantTx } from "../tenancy";

export interface AnalyticsTotals {
  artists: number;
  events: number;
  upcomingEvents: number;
  /** Answers of either kind ("going" or "interested"). */
  rsvps: number;
  going: number;
  /** Active memberships. */
  members: number;
}

export interface MonthlyPoint {
  /** `YYYY-MM`, UTC. */
  month: string;
  artistsCreated: number;
  /** Events taking place (by `startsAt`) in the month. */
  events: number;
  /** RSVPs (going or interested) given in the month, whatever the event's date. */
  rsvps: number;
  /** Memberships that began in the month (people who joined and are still members). */
  membersJoined: number;
  /**
   * Active members at the end of the month, counted from today's members by when they joined:
   * someone who has since left is not counted in any month (the platform keeps no history of them).
   */
  members: number;
}

export interface AnalyticsSummary {
  totals: AnalyticsTotals;
  /** The last 12 calendar months (UTC), oldest first, current month last; empty months are 0. */
  monthly: MonthlyPoint[];
}

/**
 * Headline numbers and 12-month series for the dashboard charts (plan feature `analytics`): new
 * artists, events held, RSVPs given, members joined and the member count at each month's end.
 */
export async function getAnalyticsSummary({ ctx }: { ctx: ProductCtx }): Promise<AnalyticsSummary> {
  assertCan(ctx.ability, "analytics.read");
  assertFeature(ctx, "analytics");
  const tenantId = ctx.tenant.id;
  // Months are calendar months in UTC, computed in SQL so the buckets and the series share one
  // clock; a per-viewer time zone would make two admins see different numbers for "March".
  return tenantTx(ctx, async (tx) => {
    const [totals] = await tx.execute<Record<keyof AnalyticsTotals, string>>(sql`
      select
        (select count(*) from ${artists} where ${artists.tenantId} = ${tenantId}) as "artists",
        (select count(*) from ${events} where ${events.tenantId} = ${tenantId}) as "events",
        (select count(*) from ${events} where ${events.tenantId} = ${tenantId} and ${events.startsAt} >= now())
          as "upcomingEvents",
        (select count(*) from ${eventRsvps} where ${eventRsvps.tenantId} = ${tenantId}) as "rsvps",
        (select count(*) from ${eventRsvps} where ${eventRsvps.tenantId} = ${tenantId} and ${eventRsvps.status} = 'going')
          as "going",
        (select count(*) from ${memberships} where ${memberships.tenantId} = ${tenantId}
           and ${memberships.status} = 'active') as "members"`);
    const monthly = await tx.execute<{
      month: string;
      artists_created: string;
      events: string;
      rsvps: string;
      members_joined: string;
      members: string;
    }>(sql`
      with months as (
        select generate_series(
                 date_trunc('month', now() at time zone 'UTC') - interval '11 months',
                 date_trunc('month', now() at time zone 'UTC'),
                 interval '1 month') as month
      ),
      created as (
        select date_trunc('month', ${artists.createdAt} at time zone 'UTC') as month, count(*) as n
          from ${artists}
         where ${artists.tenantId} = ${tenantId}
           and ${artists.createdAt} >= (select min(month) from months) at time zone 'UTC'
         group by 1
      ),
      held as (
        select date_trunc('month', ${events.startsAt} at time zone 'UTC') as month, count(*) as n
          from ${events}
         where ${events.tenantId} = ${tenantId}
           and ${events.startsAt} >= (select min(month) from months) at time zone 'UTC'
           and ${events.startsAt} < ((select max(month) from months) + interval '1 month') at time zone 'UTC'
         group by 1
      ),
      answered as (
        select date_trunc('month', ${eventRsvps.createdAt} at time zone 'UTC') as month, count(*) as n
          from ${eventRsvps}
         where ${eventRsvps.tenantId} = ${tenantId}
           and ${eventRsvps.createdAt} >= (select min(month) from months) at time zone 'UTC'
         group by 1
      ),
      joined as (
        select date_trunc('month', ${memberships.createdAt} at time zone 'UTC') as month, count(*) as n
          from ${memberships}
         where ${memberships.tenantId} = ${tenantId} and ${memberships.status} = 'active'
         group by 1
      )
      select to_char(m.month, 'YYYY-MM') as month,
             coalesce(c.n, 0) as artists_created,
             coalesce(h.n, 0) as events,
             coalesce(a.n, 0) as rsvps,
             coalesce(j.n, 0) as members_joined,
             (select coalesce(sum(n), 0) from joined where joined.month <= m.month) as members
        from months m
        left join created c on c.month = m.month
        left join held h on h.month = m.month
        left join answered a on a.month = m.month
        left join joined j on j.month = m.month
       order by m.month`);
    return {
      totals: {
        artists: Number(totals?.artists ?? 0),
        events: Number(totals?.events ?? 0),
        upcomingEvents: Number(totals?.upcomingEvents ?? 0),
        rsvps: Number(totals?.rsvps ?? 0),
        going: Number(totals?.going ?? 0),
        members: Number(totals?.members ?? 0),
      },
      monthly: monthly.map((r) => ({
        month: r.month,
        artistsCreated: Number(r.artists_created),
        events: Number(r.events),
        rsvps: Number(r.rsvps),
        membersJoined: Number(r.members_joined),
        members: Number(r.members),
      })),
    };
  });
}
