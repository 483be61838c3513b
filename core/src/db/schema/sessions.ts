import { sql } from "drizzle-orm";
import { check, index, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, tenantIdColumn } from "./columns";
import { tenants } from "./tenants";

/**
 * Where a session was opened, and the only place it is accepted: `site` on the tenant's own host
 * (cookie `mw_session`), `console` in the control plane's admin console (cookie `mw_console`). A
 * token from one is worthless in the other, so a site cookie (readable by any page script bug on a
 * tenant's host, shorter-lived controls) never opens the console.
 */
export const SESSION_KINDS = ["site", "console"] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

/**
 * Server-side sessions: the cookie carries a random secret whose SHA-256 is stored here, bound to
 * one tenant, one kind and the membership it was opened for. Revoking the row (or deprovisioning
 * the user) ends the session on the next request; a session is only valid while *that* membership
 * exists, so a member removed and invited again does not get their old cookies back.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: "cascade" }),
    userId: text("user_id").notNull(),
    membershipId: text("membership_id").notNull(),
    kind: text("kind").$type<SessionKind>().notNull(),
    tokenHash: text("token_hash").notNull(),
    method: text("method").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("sessions_token_uq").on(t.tokenHash),
    index("sessions_user_idx").on(t.tenantId, t.userId),
    index("sessions_membership_idx").on(t.tenantId, t.membershipId),
    check("sessions_kind_ck", sql`${t.kind} in ('site', 'console')`),
  ],
);

/** One-time sign-in links sent by e-mail; only the token's hash is stored. */
export const magicLinks = pgTable(
  "magic_links",
  {
    id: text("id").primaryKey(),
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("magic_links_token_uq").on(t.tokenHash), index("magic_links_email_idx").on(t.tenantId, t.email)],
);

export type SessionRow = typeof sessions.$inferSelect;

/**
 * A sign-up waiting for its e-mail to be confirmed: nothing exists for the address until the
 * e-mailed link is used (so the form answers the same for new and existing addresses, and nobody
 * can claim an address they cannot read). Only the token's hash is stored.
 */
export const signupRequests = pgTable(
  "signup_requests",
  {
    id: text("id").primaryKey(),
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("signup_requests_token_uq").on(t.tokenHash),
    index("signup_requests_email_idx").on(t.tenantId, t.email),
  ],
);
