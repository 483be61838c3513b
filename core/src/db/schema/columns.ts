import { text, timestamp } from "drizzle-orm/pg-core";

/** Every tenant-owned row carries its tenant; RLS policies and leading index columns use it. */
export const tenantIdColumn = () => text("tenant_id").notNull();

export const createdAt = () => timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();
export const updatedAt = () => timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();

export const timestamps = () => ({ createdAt: createdAt(), updatedAt: updatedAt() });
