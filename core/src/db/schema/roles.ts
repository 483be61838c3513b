import { boolean, pgTable, text, unique, uniqueIndex } from "drizzle-orm/pg-core";
import { tenantIdColumn, timestamps } from "./columns";
import { tenants } from "./tenants";

/** System roles are seeded per tenant and immutable; custom roles are tenant-defined. Rules are data. */
export const roles = pgTable(
  "roles",
  {
    id: text("id").primaryKey(),
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    isSystem: boolean("is_system").notNull().default(false),
    /** Grants from the permission registry, e.g. `artist.update:own`. */
    grants: text("grants").array().notNull().default([]),
    ...timestamps(),
  },
  (t) => [uniqueIndex("roles_key_uq").on(t.tenantId, t.key), unique("roles_tenant_id_uq").on(t.tenantId, t.id)],
);

export type RoleRow = typeof roles.$inferSelect;
