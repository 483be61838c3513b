import { sql } from "drizzle-orm";
import {
  check,
  foreignKey,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
} from "drizzle-orm/pg-core";
import { artists } from "./artists";
import { createdAt, tenantIdColumn, timestamps } from "./columns";
import { tenants } from "./tenants";
import { users } from "./users";

export const events = pgTable(
  "events",
  {
    id: text("id").primaryKey(),
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: "cascade" }),
    ownerId: text("owner_id").notNull(),
    artistId: text("artist_id"),
    title: text("title").notNull(),
    venue: text("venue").notNull().default(""),
    description: text("description").notNull().default(""),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    /**
     * The IANA zone the event happens in (validated against the runtime's Intl data): its time is
     * entered and shown in it, whoever looks. Events from before zones were kept are in UTC.
     */
    timeZone: text("time_zone").notNull().default("UTC"),
    capacity: integer("capacity"),
    ...timestamps(),
  },
  (t) => [
    index("events_starts_idx").on(t.tenantId, t.startsAt),
    check("events_time_zone_ck", sql`length(${t.timeZone}) between 1 and 64`),
    unique("events_tenant_id_uq").on(t.tenantId, t.id),
    foreignKey({ columns: [t.tenantId, t.ownerId], foreignColumns: [users.tenantId, users.id] }).onDelete("restrict"),
    // Migration 0002 narrows this to `ON DELETE SET NULL ("artist_id")` (Postgres 15+): nulling
    // tenant_id too would violate NOT NULL. drizzle-kit cannot express the column list.
    foreignKey({ columns: [t.tenantId, t.artistId], foreignColumns: [artists.tenantId, artists.id] }).onDelete(
      "set null",
    ),
  ],
);

export const rsvpStatus = pgEnum("rsvp_status", ["going", "interested"]);

export const eventRsvps = pgTable(
  "event_rsvps",
  {
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: "cascade" }),
    eventId: text("event_id").notNull(),
    userId: text("user_id").notNull(),
    status: rsvpStatus("status").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.eventId, t.userId] }),
    foreignKey({ columns: [t.tenantId, t.eventId], foreignColumns: [events.tenantId, events.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id] }).onDelete("cascade"),
  ],
);

export type EventRow = typeof events.$inferSelect;
