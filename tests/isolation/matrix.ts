import type { Database } from "@mw/core/db";
import type postgres from "postgres";
import { freshRow } from "./fresh-rows";
import type { TenantGraph } from "./seed-graph";

export type Op = "select" | "insert" | "update" | "delete";
export type Ctx = "own" | "other" | "none";

export interface MatrixResult {
  cells: number;
  failures: string[];
}

type Outcome = { rows: number } | { error: string; code: string | undefined };

/**
 * Every tenant-owned table × select/insert/update/delete × (own tenant, other tenant, no tenant),
 * always targeting tenant A's rows, each cell in its own rolled-back transaction.
 * Expected: own tenant reaches A's rows (where the role has the privilege at all); another tenant
 * or no tenant sees and changes nothing, and cannot insert rows for A.
 */
export async function runIsolationMatrix(
  app: Database,
  role: string,
  tables: string[],
  a: TenantGraph,
  b: TenantGraph,
): Promise<MatrixResult> {
  const failures: string[] = [];
  let cells = 0;
  for (const table of tables) {
    for (const op of ["select", "insert", "update", "delete"] as const) {
      const [priv] = await app.sql<{ has: boolean }[]>`select has_table_privilege(${role}, ${table}, ${op}) as has`;
      for (const ctx of ["own", "other", "none"] as const) {
        cells++;
        const tenant = ctx === "own" ? a.tenantId : ctx === "other" ? b.tenantId : null;
        const outcome = await runCell(app, table, op, tenant, a);
        const verdict = judge(op, ctx, priv?.has ?? false, outcome);
        if (verdict) failures.push(`${table} ${op} as ${ctx} tenant: ${verdict}`);
      }
    }
  }
  return { cells, failures };
}

async function runCell(app: Database, table: string, op: Op, tenant: string | null, a: TenantGraph): Promise<Outcome> {
  const conn = await app.sql.reserve();
  try {
    await conn`begin`;
    if (tenant) await conn`select set_config('app.tenant_id', ${tenant}, true)`;
    const ident = conn(table);
    let result: postgres.RowList<postgres.Row[]>;
    switch (op) {
      case "select":
        result = await conn`select 1 from ${ident} where tenant_id = ${a.tenantId}`;
        break;
      case "update":
        result = await conn`update ${ident} set tenant_id = tenant_id where tenant_id = ${a.tenantId}`;
        break;
      case "delete":
        result = await conn`delete from ${ident} where tenant_id = ${a.tenantId}`;
        break;
      case "insert": {
        const fresh = freshRow(table, a);
        if (!fresh) return { error: `no row factory for ${table} in tests/isolation/fresh-rows.ts`, code: "factory" };
        result = await conn.unsafe(
          `insert into "${table}" select * from json_populate_record(null::"${table}", $1::json) ${fresh.suffix ?? ""}`,
          [JSON.stringify(fresh.row)],
        );
        break;
      }
    }
    return { rows: result.count };
  } catch (err) {
    const e = err as { message: string; code?: string };
    return { error: e.message, code: e.code };
  } finally {
    await conn`rollback`.catch(() => {});
    conn.release();
  }
}

function judge(op: Op, ctx: Ctx, privileged: boolean, o: Outcome): string | null {
  if ("error" in o && o.code === "factory") return o.error;
  if (!privileged) {
    return "error" in o && o.code === "42501"
      ? null
      : `role lacks ${op} privilege yet the statement ran (${JSON.stringify(o)})`;
  }
  if (ctx === "own") {
    // A foreign-key RESTRICT on delete means the row was found: visibility is what we test here.
    if (op === "delete" && "error" in o && (o.code === "23503" || o.code === "23001")) return null;
    if ("error" in o) return `own tenant failed: ${o.error}`;
    if (op !== "insert" && o.rows < 1) return `own tenant reached ${o.rows} rows, expected at least 1`;
    return null;
  }
  if (op === "insert") {
    return "error" in o && o.code === "42501" && /row-level security/.test(o.error)
      ? null
      : `insert for another tenant was not rejected by RLS (${JSON.stringify(o)})`;
  }
  if ("error" in o) return `unexpected error: ${o.error}`;
  return o.rows === 0 ? null : `reached ${o.rows} of tenant A's rows`;
}
