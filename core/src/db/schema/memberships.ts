import { foreignKey, index, pgEnum, pgTable, primaryKey, text, unique, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, tenantIdColumn, timestamps } from "./columns";
import { roles } from "./roles";
import { tenants } from "./tenants";
import { users } from "./users";

export const membershipStatus = pgEnum("membership_status", ["active", "suspended"]);

export const memberships = pgTable(
  "memberships",
  {
    id: text("id").primaryKey(),
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: "cascade" }),
    userId: text("user_id").notNull(),
    status: membershipStatus("status").notNull().default("active"),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex("memberships_user_uq").on(t.tenantId, t.userId),
    unique("memberships_tenant_id_uq").on(t.tenantId, t.id),
    // Composite keys: foreign-key checks bypass RLS, so they must themselves forbid cross-tenant links.
    foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id] }).onDelete("cascade"),
  ],
);

export const membershipRoles = pgTable(
  "membership_roles",
  {
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: "cascade" }),
    membershipId: text("membership_id").notNull(),
    roleId: text("role_id").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.membershipId, t.roleId] }),
    index("membership_roles_role_idx").on(t.tenantId, t.roleId),
    foreignKey({
      columns: [t.tenantId, t.membershipId],
      foreignColumns: [memberships.tenantId, memberships.id],
    }).onDelete("cascade"),
    foreignKey({ columns: [t.tenantId, t.roleId], foreignColumns: [roles.tenantId, roles.id] }).onDelete("cascade"),
  ],
);

export type MembershipRow = typeof memberships.$inferSelect;
