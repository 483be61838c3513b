import { randomBytes } from "node:crypto";
import { startEmbeddedPostgres } from "@mw/core/db";
import { runMigrations } from "@mw/migrations";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import "@mw/core/testing";

/**
 * Integration tests run against a real Postgres: DATABASE_URL when set (CI proves the product on
 * the machine's own server that way), otherwise an embedded one under .data/pg-test. One template
 * database is migrated per run; each test file clones its own database from it.
 */
export default async function setup(project: TestProject) {
  const external = process.env.DATABASE_URL;
  const pg = external
    ? null
    : // A cluster per run: concurrent runs (two terminals, helpers) never stop each other's server.
      await startEmbeddedPostgres({
        dataDir: `.data/pg-test/${process.pid}`,
        preferredPort: 54339,
        profile: "test",
        ephemeral: true,
      });
  const adminUrl = external ?? (pg as NonNullable<typeof pg>).url;
  const runId = `${process.pid}_${randomBytes(3).toString("hex")}`;
  const template = `mw_tpl_${runId}`;
  const rolePassword = "mw-test-role-password";

  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${template}`);
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${template}`;
  await runMigrations(templateUrl.toString(), { rolePassword });
  // The app roles are cluster-wide; make sure they may connect to the clones.
  project.provide("testDb", { adminUrl, template, rolePassword });

  return async () => {
    const leftovers = await admin<{ datname: string }[]>`
      select datname from pg_database where datname like ${`mw_t_${runId}%`} or datname = ${template}`;
    for (const { datname } of leftovers) await admin.unsafe(`drop database if exists ${datname} with (force)`);
    await admin.end();
    await pg?.stop();
  };
}
