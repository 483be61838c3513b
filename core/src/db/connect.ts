import postgres from "postgres";
import { env } from "../env";
import { startEmbeddedPostgres } from "./embedded";

export type AppRole = "mw_control" | "mw_runtime";

/** The app roles log in with DATABASE_URL's host and database, under their own name. */
export function roleUrl(ownerUrl: string, role: AppRole, password: string): string {
  const url = new URL(ownerUrl);
  url.username = role;
  url.password = password;
  return url.toString();
}

export interface OwnerDatabase {
  /** Owner connection string for this database. */
  url: string;
  /** Where it is, for humans (never includes a password). */
  label: string;
  stop(): Promise<void>;
}

export const EMBEDDED_DATABASE = "musicalwheel";

/**
 * DATABASE_URL when set; otherwise the embedded Postgres under DATA_DIR (started if needed,
 * shared if another of our processes already runs it) with the `musicalwheel` database.
 */
export async function openOwnerDatabase(
  opts: { log?: (line: string) => void; fresh?: boolean } = {},
): Promise<OwnerDatabase> {
  if (env.DATABASE_URL) {
    const u = new URL(env.DATABASE_URL);
    return { url: env.DATABASE_URL, label: `${u.hostname}:${u.port || 5432}${u.pathname}`, stop: async () => {} };
  }
  const pg = await startEmbeddedPostgres({
    dataDir: `${env.DATA_DIR}/pg`,
    preferredPort: env.EMBEDDED_PG_PORT,
    profile: "dev",
    ...(opts.fresh ? { fresh: true } : {}),
    ...(opts.log ? { log: opts.log } : {}),
  });
  await ensureDatabaseExists(pg.url, EMBEDDED_DATABASE);
  const url = new URL(pg.url);
  url.pathname = `/${EMBEDDED_DATABASE}`;
  return {
    url: url.toString(),
    label: `embedded Postgres on 127.0.0.1:${pg.port}/${EMBEDDED_DATABASE}`,
    stop: pg.stop,
  };
}

export async function ensureDatabaseExists(adminUrl: string, name: string): Promise<void> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql`select 1 as one from pg_database where datname = ${name}`;
    if (!row) {
      await sql.unsafe(`create database "${name.replaceAll('"', '""')}"`).catch((err: { code?: string }) => {
        if (err.code !== "42P04") throw err; // created concurrently: fine
      });
    }
  } finally {
    await sql.end();
  }
}
