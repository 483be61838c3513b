import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";

export const MIGRATIONS_FOLDER = fileURLToPath(new URL("../sql", import.meta.url));

// Any constant works; it only has to be the same for every migrator of this database.
const MIGRATION_LOCK = 727_274_001;

function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * Apply pending migrations as the owner, then (re)set the app roles' passwords. Idempotent, and
 * safe when two processes migrate at once (an advisory lock serializes them).
 */
export async function runMigrations(ownerUrl: string, opts: { rolePassword: string }): Promise<void> {
  const sql = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK})`;
    try {
      await migrate(drizzle(sql), { migrationsFolder: MIGRATIONS_FOLDER });
      for (const role of ["mw_control", "mw_runtime"]) {
        await sql.unsafe(`ALTER ROLE ${role} PASSWORD ${quoteLiteral(opts.rolePassword)}`);
      }
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`;
    }
  } finally {
    await sql.end();
  }
}
