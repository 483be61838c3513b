import { pgTable, text, timestamp, unique, uniqueIndex } from "drizzle-orm/pg-core";
import { tenantIdColumn, timestamps } from "./columns";
import { tenants } from "./tenants";

/**
 * End users belong to one tenant's user pool: the same e-mail on two tenants is two users, as a
 * white-label customer expects (its users never see another brand's accounts).
 */
export const users = pgTable(
  "users",
  {
    id: text("id").primaryKey(),
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: "cascade" }),
    /** Lower-cased on write. */
    email: text("email").notNull(),
    name: text("name").notNull().default(""),
    passwordHash: text("password_hash"),
    emailVerifiedAt: timestamp("email_verified_at", { withTimezone: true }),
    clerkUserId: text("clerk_user_id"),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex("users_email_uq").on(t.tenantId, t.email),
    // Target of composite foreign keys, so a row can only point at a user of its own tenant.
    unique("users_tenant_id_uq").on(t.tenantId, t.id),
  ],
);

export type UserRow = typeof users.$inferSelect;
