import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { inject } from "vitest";
import { type Database, openDatabase } from "../db/client";
import { roleUrl } from "../db/connect";

declare module "vitest" {
  export interface ProvidedContext {
    testDb: { adminUrl: string; template: string; rolePassword: string };
  }
}

export interface TestDatabase {
  name: string;
  /** Owner/superuser connection: for tampering in tests, never what the product uses. */
  ownerUrl: string;
  owner: Database;
  /** The control plane's role (platform + tenant tables, under RLS). */
  control: Database;
  /** The tenant runtime's role. */
  runtime: Database;
  drop(): Promise<void>;
}

/** A fresh database cloned from the run's migrated template (fast: a file copy in Postgres). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const { adminUrl, template, rolePassword } = inject("testDb");
  const runPart = template.replace(/^mw_tpl_/, "");
  const name = `mw_t_${runPart}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name} template ${template}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const ownerUrl = url.toString();
  const owner = openDatabase(ownerUrl, { max: 2 });
  const control = openDatabase(roleUrl(ownerUrl, "mw_control", rolePassword), { max: 4 });
  const runtime = openDatabase(roleUrl(ownerUrl, "mw_runtime", rolePassword), { max: 4 });
  return {
    name,
    ownerUrl,
    owner,
    control,
    runtime,
    async drop() {
      await Promise.all([owner.close(), control.close(), runtime.close()]);
      const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        await a.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await a.end();
      }
    },
  };
}
