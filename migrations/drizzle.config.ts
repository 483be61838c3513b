import { defineConfig } from "drizzle-kit";

// Used only by `npm run db:generate` (a development step); the output in migrations/sql is committed.
export default defineConfig({
  dialect: "postgresql",
  schema: "./core/src/db/schema/index.ts",
  out: "./migrations/sql",
  strict: true,
});
