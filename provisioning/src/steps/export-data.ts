import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { openTenantReadTx } from "@mw/core/db";
import type { StepContext } from "../engine/types";
import type { OffboardRunInput } from "../workflows/inputs";
import { getTenantOrThrow } from "./verb-context";

/**
 * Hand the customer their data: every tenant-owned table as one gzip'ed JSON document, read in a
 * single repeatable-read transaction (one consistent snapshot) and streamed table by table through
 * cursors, so memory stays flat however big the tenant is. Secrets are left out: no password
 * hashes, no session or magic-link tokens, no invitation token hashes.
 *
 * The file is written under a temporary name and renamed when complete, so a crash never leaves a
 * truncated archive at the final path; a re-run simply writes it again.
 */
export const id = "export-data";

export const EXPORT_FORMAT = "musicalwheel.tenant-export/1";

/** Tenant-owned tables in the archive, each as `select <one jsonb column r> … where tenant_id = $1`. */
const TABLES: ReadonlyArray<readonly [string, string]> = [
  ["users", "select to_jsonb(t) - 'password_hash' as r from users t where tenant_id = $1 order by id"],
  ["roles", "select to_jsonb(t) as r from roles t where tenant_id = $1 order by id"],
  ["memberships", "select to_jsonb(t) as r from memberships t where tenant_id = $1 order by id"],
  [
    "membership_roles",
    "select to_jsonb(t) as r from membership_roles t where tenant_id = $1 order by membership_id, role_id",
  ],
  ["artists", "select to_jsonb(t) as r from artists t where tenant_id = $1 order by id"],
  ["events", "select to_jsonb(t) as r from events t where tenant_id = $1 order by id"],
  ["event_rsvps", "select to_jsonb(t) as r from event_rsvps t where tenant_id = $1 order by event_id, user_id"],
  ["themes", "select to_jsonb(t) as r from themes t where tenant_id = $1 order by version"],
  ["domains", "select to_jsonb(t) as r from domains t where tenant_id = $1 order by id"],
  ["billing_accounts", "select to_jsonb(t) as r from billing_accounts t where tenant_id = $1"],
  [
    "billing_invoices",
    "select to_jsonb(t) as r from billing_invoices t where tenant_id = $1 order by stripe_created_at",
  ],
  [
    "audit_events",
    "select to_jsonb(t) || jsonb_build_object('hash', encode(t.hash, 'hex')) as r from audit_events t where tenant_id = $1 order by seq",
  ],
];

const CURSOR_ROWS = 500;

export function exportPath(dir: string, tenantId: string, runId: string): string {
  return join(dir, `${tenantId}-${runId}.json.gz`);
}

export async function run(ctx: StepContext<OffboardRunInput>) {
  const tenant = await getTenantOrThrow(ctx.database, ctx.input.tenantId);
  const dir = ctx.settings.exportDir;
  await mkdir(dir, { recursive: true });
  const path = exportPath(dir, tenant.id, ctx.run.id);
  const temp = `${path}.${randomBytes(4).toString("hex")}.partial`;
  const counts: Record<string, number> = {};
  const gzip = createGzip();
  const done = pipeline(gzip, createWriteStream(temp, { mode: 0o600 }));
  try {
    const write = async (chunk: string) => {
      if (!gzip.write(chunk)) await new Promise<void>((resolve) => gzip.once("drain", resolve));
    };
    const read = await openTenantReadTx(ctx.database, tenant.id);
    try {
      const { slug, name, plan, status, createdAt } = tenant;
      await write(
        `{"format":${JSON.stringify(EXPORT_FORMAT)},"exportedAt":${JSON.stringify(new Date().toISOString())},` +
          `"tenant":${JSON.stringify({ id: tenant.id, slug, name, plan, status, createdAt })},"tables":{`,
      );
      for (const [index, [table, query]] of TABLES.entries()) {
        await write(`${index ? "," : ""}${JSON.stringify(table)}:[`);
        let n = 0;
        for await (const rows of read.conn.unsafe<{ r: unknown }[]>(query, [tenant.id]).cursor(CURSOR_ROWS)) {
          for (const row of rows) await write(`${n++ ? "," : ""}${JSON.stringify(row.r)}`);
        }
        await write("]");
        counts[table] = n;
      }
      await write("}}");
    } finally {
      await read.close();
    }
    gzip.end();
    await done;
    const { size, sha256 } = await digest(temp);
    await rename(temp, path);
    return { path, sha256, size, counts };
  } catch (err) {
    gzip.destroy();
    await done.catch(() => {});
    await rm(temp, { force: true });
    throw err;
  }
}

async function digest(path: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash("sha256");
  await pipeline(createReadStream(path), hash);
  return { size: (await stat(path)).size, sha256: hash.digest("hex") };
}
