import { bigint, index, integer, pgTable, text, timestamp, varchar } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";

/**
 * Platform table: counters and locks of the sign-in throttle, in the layout `rate-limiter-flexible`
 * expects (`key`, `points`, `expire` in epoch milliseconds). Created by a migration, never by the
 * library at runtime: the app roles own nothing. Keys never hold an e-mail address in clear
 * (`core/src/rate-limit/policy.ts` hashes them), since both app roles may read every row.
 */
export const authRateLimits = pgTable("auth_rate_limits", {
  key: varchar("key", { length: 255 }).primaryKey(),
  points: integer("points").notNull().default(0),
  expire: bigint("expire", { mode: "number" }),
});

/**
 * Platform table: security events staff need to see across tenants — sign-in locks and their
 * lifting. A tenant's own locks also go into that tenant's audit chain; staff sign-in has no
 * tenant, so this is its only record. Not tenant-owned (staff read it across tenants), so it names
 * its tenant `for_tenant_id` and lives outside RLS; the runtime may only insert.
 */
export const securityEvents = pgTable(
  "security_events",
  {
    id: text("id").primaryKey(),
    /** `auth.lock` or `auth.unlock`. */
    kind: text("kind").notNull(),
    forTenantId: text("for_tenant_id"),
    /** Which sign-in path the lock came from, e.g. `tenant.password`, `staff.password`. */
    path: text("path").notNull(),
    /** `account` (tenant + e-mail, or a staff e-mail) or `client` (address bucket). */
    scope: text("scope").notNull(),
    /** What a person recognizes: the e-mail or the client address. */
    subject: text("subject").notNull(),
    /** The throttle's key (hashed), so an unlock lifts exactly this lock. */
    limiterKey: text("limiter_key").notNull(),
    failures: integer("failures"),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    ip: text("ip"),
    userAgent: text("user_agent"),
    /** Who lifted it (`auth.unlock`): the staff id. */
    actorId: text("actor_id"),
    occurredAt: createdAt(),
  },
  (t) => [
    index("security_events_time_idx").on(t.occurredAt),
    index("security_events_key_idx").on(t.limiterKey, t.occurredAt),
  ],
);

export type SecurityEventRow = typeof securityEvents.$inferSelect;
