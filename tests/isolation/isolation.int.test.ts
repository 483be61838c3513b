import { createTestDatabase, type TestDatabase } from "@mw/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findIsolationGaps } from "./catalog";
import { runIsolationMatrix } from "./matrix";
import { seedTenantGraph, type TenantGraph } from "./seed-graph";

let db: TestDatabase;
let a: TenantGraph;
let b: TenantGraph;
let tables: string[];

async function tenantTables(): Promise<string[]> {
  const rows = await db.owner.sql<{ relname: string }[]>`
    select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind = 'r'
       and exists (select 1 from pg_attribute x where x.attrelid = c.oid and x.attname = 'tenant_id' and not x.attisdropped)
     order by 1`;
  return rows.map((r) => r.relname);
}

beforeAll(async () => {
  db = await createTestDatabase();
  a = await seedTenantGraph(db.control, "alpha");
  b = await seedTenantGraph(db.control, "beta");
  tables = await tenantTables();
});
afterAll(() => db.drop());

describe("tenant isolation catalog", () => {
  it("has RLS enabled, forced and a tenant policy on every tenant-owned table, and safe app roles", async () => {
    expect(await findIsolationGaps(db.owner.sql)).toEqual([]);
    expect(tables.length).toBeGreaterThanOrEqual(9);
  });
});

describe("tenant isolation matrix", () => {
  it.each(["mw_control", "mw_runtime"] as const)("%s: own tenant only, for every table and verb", async (role) => {
    const app = role === "mw_control" ? db.control : db.runtime;
    const result = await runIsolationMatrix(app, role, tables, a, b);
    expect(result.failures).toEqual([]);
    expect(result.cells).toBe(tables.length * 4 * 3);
  });
});

describe("the guards go red when the property they guard is broken", () => {
  // Each case breaks one thing in a scratch database of its own and shows the guard notices.
  const breakages: Array<[string, string, RegExp]> = [
    ["policy dropped", "drop policy tenant_isolation on users", /users/],
    [
      "policy replaced by allow-all",
      "drop policy tenant_isolation on themes; create policy open on themes using (true) with check (true)",
      /themes/,
    ],
    ["RLS disabled", "alter table roles disable row level security", /roles/],
    ["RLS not forced", "alter table memberships no force row level security", /memberships/],
    ["app role given BYPASSRLS", "alter role mw_runtime bypassrls", /mw_runtime/],
  ];

  it.each(breakages)("catalog test fails when %s", async (_name, ddl, mentions) => {
    const scratch = await createTestDatabase();
    try {
      await scratch.owner.sql.unsafe(ddl);
      const gaps = await findIsolationGaps(scratch.owner.sql);
      expect(gaps.join("\n")).toMatch(mentions);
    } finally {
      // Roles are cluster-wide: undo a role change before anything else runs.
      await scratch.owner.sql.unsafe("alter role mw_runtime nobypassrls");
      await scratch.drop();
    }
  });

  it.each([
    ["policy dropped", "drop policy tenant_isolation on users", "users"],
    [
      "policy replaced by allow-all",
      "drop policy tenant_isolation on invitations; create policy open on invitations using (true) with check (true)",
      "invitations",
    ],
    ["RLS disabled", "alter table domains disable row level security", "domains"],
  ])("matrix fails when %s", async (_name, ddl, table) => {
    const scratch = await createTestDatabase();
    try {
      const sa = await seedTenantGraph(scratch.control, "alpha");
      const sb = await seedTenantGraph(scratch.control, "beta");
      await scratch.owner.sql.unsafe(ddl);
      const result = await runIsolationMatrix(scratch.control, "mw_control", [table], sa, sb);
      expect(result.failures.length).toBeGreaterThan(0);
      expect(result.failures.every((f) => f.startsWith(table))).toBe(true);
    } finally {
      await scratch.drop();
    }
  });
});
