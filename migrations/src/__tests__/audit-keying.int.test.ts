import { randomBytes } from "node:crypto";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AuditCtx, canonicalEvent, chainHash, emitAudit, GENESIS_HASH, verifyAuditChain } from "@mw/core/audit";
import { type Database, openDatabase, roleUrl, withTenant } from "@mw/core/db";
import { newId } from "@mw/core/ids";
import "@mw/core/testing";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { MIGRATIONS_FOLDER, runMigrations } from "../migrate";

// A database whose chains were written before keying (unkeyed SHA-256) keeps verifying after the
// keying migration, and its old events stay tamper-evident: the first keyed HMAC covers them.

const ctx: AuditCtx = { actor: { type: "system", process: "test" }, requestId: "req_legacy" };
let name: string;
let ownerUrl: string;
let owner: postgres.Sql;
let control: Database;
let tmp: string;

/** Exactly what emitAudit did before the keying migration (ADR 0003, first version). */
async function legacyAppend(tenantId: string, i: number): Promise<void> {
  const id = newId("audit");
  const row = {
    id,
    tenantId,
    actorType: "system",
    actorId: "test",
    action: "artist.update",
    targetType: "artist",
    targetId: `art_${i}`,
    before: null,
    after: { i, name: `Artist ${i}` },
    ip: null,
    userAgent: null,
    requestId: "req_legacy",
    occurredAt: new Date(Date.UTC(2026, 10, 1, 12, 0, i)).toISOString(),
  };
  const canonical = canonicalEvent(row);
  await withTenant(
    control,
    tenantId,
    (tx) => tx.$sql`
      with head as (
        insert into audit_chain_heads as h (tenant_id, seq, hash)
        values (${tenantId}, 1, sha256(decode(repeat('00', 32), 'hex') || convert_to(${canonical}, 'UTF8')))
        on conflict (tenant_id) do update
          set seq = h.seq + 1, hash = sha256(h.hash || convert_to(${canonical}, 'UTF8'))
        returning seq, hash
      )
      insert into audit_events (tenant_id, seq, id, actor_type, actor_id, action, target_type, target_id,
                                before, after, ip, user_agent, request_id, occurred_at, hash)
      select ${tenantId}, head.seq, ${id}, 'system', 'test', 'artist.update', 'artist', ${row.targetId}, null,
             ${JSON.stringify(row.after)}::jsonb, null, null, 'req_legacy', ${row.occurredAt}::timestamptz, head.hash
        from head`,
  );
}

async function tamper(statement: string): Promise<void> {
  await owner.begin(async (tx) => {
    await tx`set local session_replication_role = replica`;
    await tx.unsafe(statement);
  });
}

async function seedLegacyTenant(events: number): Promise<string> {
  const tenantId = newId("tenant");
  await owner`insert into tenants (id, slug, name) values (${tenantId}, ${tenantId.slice(-12)}, 'Legacy')`;
  for (let i = 0; i < events; i++) await legacyAppend(tenantId, i);
  return tenantId;
}

let t1: string;
let t2: string;
let t3: string;

beforeAll(async () => {
  const { adminUrl, rolePassword } = inject("testDb");
  name = `mw_t_keying_${randomBytes(4).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  ownerUrl = url.toString();
  owner = postgres(ownerUrl, { max: 2, onnotice: () => {} });

  // The journal as it was before the keying migration.
  tmp = await mkdtemp(join(tmpdir(), "mw-migrations-"));
  await cp(MIGRATIONS_FOLDER, tmp, { recursive: true });
  const journalPath = join(tmp, "meta", "_journal.json");
  const journal = JSON.parse(await readFile(journalPath, "utf8")) as { entries: { tag: string }[] };
  const keying = journal.entries.findIndex((e) => e.tag.endsWith("_audit_keyed_chain"));
  expect(keying).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, keying);
  await writeFile(journalPath, JSON.stringify(journal));
  await migrate(drizzle(owner), { migrationsFolder: tmp });

  control = openDatabase(roleUrl(ownerUrl, "mw_control", rolePassword), { max: 2 });
  t1 = await seedLegacyTenant(5);
  t2 = await seedLegacyTenant(5);
  t3 = await seedLegacyTenant(3);

  await runMigrations(ownerUrl, { rolePassword });
  for (const t of [t1, t2]) {
    for (let i = 0; i < 3; i++) {
      await withTenant(control, t, (tx) =>
        emitAudit(tx, ctx, { action: "artist.update", target: { type: "artist", id: `keyed_${i}` } }),
      );
    }
  }
}, 120_000);

afterAll(async () => {
  await control?.close();
  await owner?.end();
  const { adminUrl } = inject("testDb");
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe("keying a database that already has unkeyed chains", () => {
  it("verifies the unkeyed prefix and the keyed rest, and says which is which", async () => {
    const [head] = await owner<
      { keyed_from: string }[]
    >`select keyed_from from audit_chain_heads where tenant_id = ${t1}`;
    expect(Number(head?.keyed_from)).toBe(6);
    expect(await verifyAuditChain(control, t1, { mode: "incremental" })).toMatchObject({
      ok: true,
      mode: "full",
      events: 8,
      legacyEvents: 5,
      fromSeq: 1,
      checked: 8,
      method: "hmac-sha256",
    });
    expect(await verifyAuditChain(control, t1, { mode: "incremental" })).toMatchObject({
      ok: true,
      mode: "incremental",
      checked: 0,
    });
    // A chain with no event since keying verifies too (nothing keyed yet; the head is the anchor).
    expect(await verifyAuditChain(control, t3)).toMatchObject({ ok: true, events: 3, legacyEvents: 3, checked: 3 });
  });

  it("detects an edited unkeyed event", async () => {
    await tamper(`update audit_events set after = '{"i": 999}' where tenant_id = '${t1}' and seq = 2`);
    expect(await verifyAuditChain(control, t1)).toMatchObject({ ok: false, seq: 2, reason: "hash_mismatch" });
  });

  it("detects unkeyed events rewritten with a recomputed SHA-256 chain: the first keyed event no longer fits", async () => {
    const rows = await owner<Record<string, unknown>[]>`
      select seq, id, tenant_id, actor_type, actor_id, action, target_type, target_id, before, after, ip,
             user_agent, request_id,
             to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as occurred_at
        from audit_events where tenant_id = ${t2} and seq <= 5 order by seq`;
    let prev = GENESIS_HASH;
    for (const r of rows) {
      const actorId = Number(r.seq) === 3 ? "usr_scapegoat" : (r.actor_id as string);
      const hash = chainHash(
        prev,
        canonicalEvent({
          id: r.id as string,
          tenantId: r.tenant_id as string,
          actorType: r.actor_type as string,
          actorId,
          action: r.action as string,
          targetType: r.target_type as string,
          targetId: r.target_id as string,
          before: r.before,
          after: r.after,
          ip: r.ip as string | null,
          userAgent: r.user_agent as string | null,
          requestId: r.request_id as string | null,
          occurredAt: r.occurred_at as string,
        }),
      );
      await tamper(
        `update audit_events set actor_id = '${actorId}', hash = '\\x${hash.toString("hex")}' where tenant_id = '${t2}' and seq = ${r.seq}`,
      );
      prev = hash;
    }
    expect(await verifyAuditChain(control, t2)).toMatchObject({ ok: false, seq: 6, reason: "hash_mismatch" });
  });
});
