import { sql } from "drizzle-orm";
import { integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, tenantIdColumn } from "./columns";
import { tenants } from "./tenants";

export const themeStatus = pgEnum("theme_status", ["draft", "published", "archived"]);

/** Versioned: at most one draft and one published version per tenant; history is archived rows. */
export const themes = pgTable(
  "themes",
  {
    id: text("id").primaryKey(),
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    status: themeStatus("status").notNull(),
    tokens: jsonb("tokens").notNull(),
    createdBy: text("created_by").notNull(),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    /** For a rollback: the version whose tokens this one copies. */
    restoredFrom: integer("restored_from"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("themes_version_uq").on(t.tenantId, t.version),
    uniqueIndex("themes_one_published_uq").on(t.tenantId).where(sql`status = 'published'`),
    uniqueIndex("themes_one_draft_uq").on(t.tenantId).where(sql`status = 'draft'`),
  ],
);

export type ThemeRow = typeof themes.$inferSelect;
