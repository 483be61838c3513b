import { foreignKey, index, pgTable, text, unique } from "drizzle-orm/pg-core";
import { tenantIdColumn, timestamps } from "./columns";
import { tenants } from "./tenants";
import { users } from "./users";

/** The artists directory of a tenant's instance. `ownerId` drives `artist.update:own`. */
export const artists = pgTable(
  "artists",
  {
    id: text("id").primaryKey(),
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: "cascade" }),
    ownerId: text("owner_id").notNull(),
    name: text("name").notNull(),
    genre: text("genre").notNull().default(""),
    country: text("country").notNull().default(""),
    bio: text("bio").notNull().default(""),
    website: text("website"),
    ...timestamps(),
  },
  (t) => [
    index("artists_name_idx").on(t.tenantId, t.name, t.id),
    index("artists_owner_idx").on(t.tenantId, t.ownerId),
    unique("artists_tenant_id_uq").on(t.tenantId, t.id),
    foreignKey({ columns: [t.tenantId, t.ownerId], foreignColumns: [users.tenantId, users.id] }).onDelete("restrict"),
  ],
);

export type ArtistRow = typeof artists.$inferSelect;
