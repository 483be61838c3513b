import { pgTable, text } from "drizzle-orm/pg-core";
import { timestamps } from "./columns";

/** Platform table: MusicalWheel staff, with platform roles from the staff role registry. */
export const staffUsers = pgTable("staff_users", {
  id: text("id").primaryKey(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  passwordHash: text("password_hash"),
  roles: text("roles").array().notNull().default([]),
  ...timestamps(),
});

export type StaffRow = typeof staffUsers.$inferSelect;
