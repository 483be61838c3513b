import { sql } from "drizzle-orm";
import { pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { tenantIdColumn, timestamps } from "./columns";
import { tenants } from "./tenants";

export const invitationStatus = pgEnum("invitation_status", ["pending", "accepted", "revoked"]);

export const invitations = pgTable(
  "invitations",
  {
    id: text("id").primaryKey(),
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    /** Role keys granted on acceptance (validated against the tenant's roles when invited). */
    roleKeys: text("role_keys").array().notNull(),
    /** SHA-256 of the token sent by e-mail; the token itself is never stored. */
    tokenHash: text("token_hash").notNull(),
    status: invitationStatus("status").notNull().default("pending"),
    invitedBy: text("invited_by").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    acceptedUserId: text("accepted_user_id"),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex("invitations_token_uq").on(t.tokenHash),
    uniqueIndex("invitations_pending_email_uq").on(t.tenantId, t.email).where(sql`status = 'pending'`),
  ],
);

export type InvitationRow = typeof invitations.$inferSelect;
