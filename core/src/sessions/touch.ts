import { and, eq, lt, sql } from "drizzle-orm";
import { type Database, withTenant } from "../db/client";
import { sessions } from "../db/schema/index";
import { log } from "../observability/log";

/**
 * How stale `sessions.last_seen_at` may get before a request refreshes it. "Last seen 2 min ago"
 * needs minutes, not milliseconds: at most one write per session per interval keeps the hot path
 * a read (getSession says whether the row is due, in the same statement).
 */
export const LAST_SEEN_INTERVAL_MINUTES = 5;

/**
 * Records that the session was used now. One UPDATE, guarded by the same interval in its WHERE, so
 * concurrent requests of one session (a page and its parallel fetches) write at most once. A
 * failure is logged and swallowed: a missed "last seen" must never fail the request it rode on.
 * Returns whether a row was written.
 */
export async function touchSession(database: Database, tenantId: string, sessionId: string): Promise<boolean> {
  try {
    const rows = await withTenant(database, tenantId, (tx) =>
      tx
        .update(sessions)
        .set({ lastSeenAt: sql`now()` })
        .where(
          and(
            eq(sessions.tenantId, tenantId),
            eq(sessions.id, sessionId),
            lt(sessions.lastSeenAt, sql`now() - make_interval(mins => ${LAST_SEEN_INTERVAL_MINUTES})`),
          ),
        )
        .returning({ id: sessions.id }),
    );
    return rows.length > 0;
  } catch (err) {
    log.warn({ err, tenantId, sessionId }, "could not record the session's last-seen time");
    return false;
  }
}
