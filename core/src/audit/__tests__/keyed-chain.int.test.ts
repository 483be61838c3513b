import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, withTenant } from "../../db/client";
import { tenants } from "../../db/schema/index";
import { newId } from "../../ids";
import { createTestDatabase, type TestDatabase } from "../../testing/db";
import { canonicalEvent } from "../canonical";
import { type AuditCtx, emitAudit } from "../emit";
import { verifyAuditChain } from "../verify";

// Issue 7 item 13 (only the definer function writes the chain, and the chain is keyed) and issue 8
// item 9 (verification resumes from checkpoints; "verify all" still sees everything).

let db: TestDatabase;
const ctx: AuditCtx = { actor: { type: "user", userId: "usr_test", membershipId: null }, requestId: "req_k" };

async function newTenant(): Promise<string> {
  const id = newId("tenant");
  await db.control.db.insert(tenants).values({ id, slug: id.slice(-12), name: "T" });
  return id;
}

/** n events, pipelined in one transaction (fast), each through the product's append. */
async function append(tenantId: string, n: number, app: Database = db.control): Promise<void> {
  await withTenant(app, tenantId, (tx) =>
    Promise.all(
      Array.from({ length: n }, (_, i) =>
        emitAudit(tx, ctx, {
          action: "artist.update",
          target: { type: "artist", id: `art_${i}` },
          after: { i, name: `Artist ${i}`, tags: ["b", "a"], nested: { z: 1.5, a: null } },
        }),
      ),
    ),
  );
}

/** Tamper as a database superuser with triggers off, the way an attacker with raw access would. */
async function tamper(statement: string): Promise<void> {
  await db.owner.sql.begin(async (tx) => {
    await tx`set local session_replication_role = replica`;
    await tx.unsafe(statement);
  });
}

const denied = { code: "42501" };

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

describe("audit chain writes go through mw_audit_append() only", () => {
  it("refuses a direct INSERT into audit_events and an UPDATE of audit_chain_heads to both app roles", async () => {
    const t = await newTenant();
    await append(t, 3);
    for (const app of [db.control, db.runtime]) {
      await expect(
        withTenant(
          app,
          t,
          (tx) => tx.$sql`
            insert into audit_events (tenant_id, seq, id, actor_type, actor_id, action, target_type, target_id,
                                      occurred_at, hash)
            values (${t}, 4, 'aud_forged', 'user', 'usr_x', 'member.remove', 'member', 'mem_x', now(), '\\x00')`,
        ),
      ).rejects.toMatchObject(denied);
      await expect(
        withTenant(app, t, (tx) => tx.$sql`update audit_chain_heads set seq = seq + 1, hash = '\\x00'`),
      ).rejects.toMatchObject(denied);
      await expect(
        withTenant(
          app,
          t,
          (tx) => tx.$sql`insert into audit_chain_heads (tenant_id, seq, hash) values (${t}, 9, '\\x00')`,
        ),
      ).rejects.toMatchObject(denied);
      await expect(withTenant(app, t, (tx) => tx.$sql`delete from audit_chain_heads`)).rejects.toMatchObject(denied);
      // The key is out of reach, so no valid hash can be computed outside the database function.
      await expect(withTenant(app, t, (tx) => tx.$sql`select key from audit_chain_keys`)).rejects.toMatchObject(denied);
    }
    await expect(
      withTenant(
        db.control,
        t,
        (tx) => tx.$sql`
          insert into audit_checkpoints (tenant_id, seq, hash, checked) values (${t}, 99, '\\x00', 0)`,
      ),
    ).rejects.toMatchObject(denied);
    const [privs] = await db.owner.sql<{ n: number }[]>`
      select count(*)::int as n from (values ('mw_control'), ('mw_runtime')) r(role),
             (values ('audit_events'), ('audit_chain_heads'), ('audit_checkpoints')) t(tbl),
             (values ('insert'), ('update'), ('delete'), ('truncate')) p(priv)
       where has_table_privilege(r.role, t.tbl, p.priv)`;
    expect(privs?.n).toBe(0);
    expect(await verifyAuditChain(db.control, t)).toMatchObject({ ok: true, events: 3, method: "hmac-sha256" });
  });

  it("appends for the transaction's tenant only: no argument names a tenant, and without one nothing is written", async () => {
    const [a, b] = [await newTenant(), await newTenant()];
    await append(b, 2);
    const [fn] = await db.owner.sql<{ args: string; definer: boolean; owner: string; config: string[] }[]>`
      select pg_get_function_identity_arguments(p.oid) as args, p.prosecdef as definer,
             pg_get_userbyid(p.proowner) as owner, p.proconfig as config
        from pg_proc p where p.proname = 'mw_audit_append'`;
    expect(fn?.args).not.toMatch(/tenant/);
    expect(fn).toMatchObject({ definer: true, owner: "mw_auditor" });
    expect(fn?.config.some((c) => c.startsWith("search_path=public"))).toBe(true);

    // Both app roles append through it, each into the tenant of its own transaction.
    await append(a, 2, db.control);
    await append(a, 1, db.runtime);
    const counts = await db.owner.sql<{ tenant_id: string; n: number }[]>`
      select tenant_id, count(*)::int as n from audit_events where tenant_id in (${a}, ${b}) group by 1`;
    expect(Object.fromEntries(counts.map((r) => [r.tenant_id, r.n]))).toEqual({ [a]: 3, [b]: 2 });

    // Outside a tenant transaction there is no tenant to write for.
    const call = (sql: Database["sql"]) =>
      sql`select mw_audit_append('aud_x', 'user', 'u', 'x.y', 'x', 'x', null, null, null, null, null)`;
    await expect(call(db.control.sql)).rejects.toMatchObject(denied);
    await expect(call(db.runtime.sql)).rejects.toMatchObject(denied);
    expect(await verifyAuditChain(db.control, a)).toMatchObject({ ok: true, events: 3 });
    expect(await verifyAuditChain(db.control, b)).toMatchObject({ ok: true, events: 2 });
    // Verification (which writes checkpoints) is the control plane's only.
    await expect(withTenant(db.runtime, a, (tx) => tx.$sql`select * from mw_audit_verify(true)`)).rejects.toMatchObject(
      denied,
    );
  });

  it("detects an event forged with a correct unkeyed SHA-256 link, in either canonical form", async () => {
    const t = await newTenant();
    await append(t, 4);
    const forge = async (seq: number, canonical: (row: Record<string, string>) => Promise<Buffer>) => {
      const [head] = await db.owner.sql<{ seq: string; hash: Buffer }[]>`
        select seq, hash from audit_chain_heads where tenant_id = ${t}`;
      expect(Number(head?.seq)).toBe(seq - 1);
      const row = {
        id: `aud_forged_${seq}`,
        tenantId: t,
        actorType: "user",
        actorId: "usr_attacker",
        action: "member.remove",
        targetType: "member",
        targetId: "mem_victim",
        occurredAt: "2026-12-01T10:00:00.000Z",
      };
      const hash = createHash("sha256")
        .update(head?.hash as Buffer)
        .update(await canonical(row))
        .digest();
      await db.owner.sql`
        insert into audit_events (tenant_id, seq, id, actor_type, actor_id, action, target_type, target_id,
                                  occurred_at, hash)
        values (${t}, ${seq}, ${row.id}, 'user', 'usr_attacker', 'member.remove', 'member', 'mem_victim',
                ${row.occurredAt}, ${hash})`;
      await tamper(
        `update audit_chain_heads set seq = ${seq}, hash = '\\x${hash.toString("hex")}' where tenant_id = '${t}'`,
      );
      return row.id;
    };
    // The original (pre-keying) JSON canonical form, as the old append computed it.
    const v1 = async (r: Record<string, string>) =>
      Buffer.from(
        canonicalEvent({
          ...(r as { id: string; tenantId: string; actorType: string; actorId: string; action: string }),
          targetType: r.targetType as string,
          targetId: r.targetId as string,
          occurredAt: r.occurredAt as string,
          before: null,
          after: null,
          ip: null,
          userAgent: null,
          requestId: null,
        }),
      );
    const id = await forge(5, v1);
    expect(await verifyAuditChain(db.control, t)).toMatchObject({
      ok: false,
      seq: 5,
      eventId: id,
      reason: "hash_mismatch",
      events: 4,
    });

    // Exactly the bytes the keyed chain covers, hashed without the key.
    const t2 = await newTenant();
    await append(t2, 2);
    const [head2] = await db.owner.sql<{ hash: Buffer }[]>`select hash from audit_chain_heads where tenant_id = ${t2}`;
    const [bytes] = await db.owner.sql<{ b: Buffer }[]>`
      select mw_audit_canonical(${t2}, 'aud_forged_3', 'user', 'usr_attacker', 'member.remove', 'member',
                                'mem_victim', null, null, null, null, null, '2026-12-01T10:00:00.000Z') as b`;
    const forged = createHash("sha256")
      .update(head2?.hash as Buffer)
      .update(bytes?.b as Buffer)
      .digest();
    await db.owner.sql`
      insert into audit_events (tenant_id, seq, id, actor_type, actor_id, action, target_type, target_id, occurred_at, hash)
      values (${t2}, 3, 'aud_forged_3', 'user', 'usr_attacker', 'member.remove', 'member', 'mem_victim',
              '2026-12-01T10:00:00.000Z', ${forged})`;
    await tamper(
      `update audit_chain_heads set seq = 3, hash = '\\x${forged.toString("hex")}' where tenant_id = '${t2}'`,
    );
    expect(await verifyAuditChain(db.control, t2)).toMatchObject({ ok: false, seq: 3, reason: "hash_mismatch" });
  });

  it("detects a chain head moved back behind a verified checkpoint (tail cut)", async () => {
    const t = await newTenant();
    await append(t, 6);
    expect(await verifyAuditChain(db.control, t, { mode: "incremental" })).toMatchObject({ ok: true, events: 6 });
    await tamper(`delete from audit_events where tenant_id = '${t}' and seq = 6`);
    await tamper(
      `update audit_chain_heads set seq = 5, hash = (select hash from audit_events where tenant_id = '${t}' and seq = 5) where tenant_id = '${t}'`,
    );
    expect(await verifyAuditChain(db.control, t, { mode: "incremental" })).toMatchObject({
      ok: false,
      reason: "head_mismatch",
    });
  });
});

describe("checkpoints: incremental verification", () => {
  it("reads only the events after the newest checkpoint; a full re-verify still finds tampering before it", async () => {
    const t = await newTenant();
    await append(t, 300);
    const first = await verifyAuditChain(db.control, t, { mode: "incremental" });
    // No checkpoint yet: the first verification is a full one.
    expect(first).toMatchObject({ ok: true, mode: "full", fromSeq: 1, checked: 300, headSeq: 300 });
    expect(first.lastFullAt).toBeInstanceOf(Date);

    await append(t, 7);
    const next = await verifyAuditChain(db.control, t, { mode: "incremental" });
    expect(next).toMatchObject({ ok: true, mode: "incremental", fromSeq: 301, checked: 7, events: 307 });
    expect(next.lastFullAt?.getTime()).toBe(first.lastFullAt?.getTime());
    const cps = await db.owner.sql<{ seq: string; full: boolean; checked: string }[]>`
      select seq, full_verified_at is not null as full, checked from audit_checkpoints where tenant_id = ${t} order by seq`;
    expect(cps.map((c) => [Number(c.seq), c.full, Number(c.checked)])).toEqual([
      [300, true, 300],
      [307, false, 7],
    ]);

    // An event before the checkpoint is altered: incremental views do not read it…
    await tamper(`update audit_events set after = '{"i": 999}' where tenant_id = '${t}' and seq = 50`);
    await append(t, 3);
    expect(await verifyAuditChain(db.control, t, { mode: "incremental" })).toMatchObject({
      ok: true,
      fromSeq: 308,
      checked: 3,
    });
    // …and "verify all" does, and records no checkpoint for a broken chain.
    const all = await verifyAuditChain(db.control, t, { mode: "full" });
    expect(all).toMatchObject({ ok: false, mode: "full", seq: 50, reason: "hash_mismatch", verifiedAt: null });
    const [latest] = await db.owner.sql<{ seq: string }[]>`
      select max(seq) as seq from audit_checkpoints where tenant_id = ${t} and full_verified_at is not null`;
    expect(Number(latest?.seq)).toBe(300);
  });

  it("finds tampering after the checkpoint on the next incremental view", async () => {
    const t = await newTenant();
    await append(t, 20);
    expect(await verifyAuditChain(db.control, t, { mode: "incremental" })).toMatchObject({ ok: true });
    await append(t, 5);
    await tamper(`update audit_events set actor_id = 'usr_someone_else' where tenant_id = '${t}' and seq = 23`);
    expect(await verifyAuditChain(db.control, t, { mode: "incremental" })).toMatchObject({
      ok: false,
      mode: "incremental",
      seq: 23,
      reason: "hash_mismatch",
      checked: 5,
    });
    await tamper(`delete from audit_events where tenant_id = '${t}' and seq = 22`);
    expect(await verifyAuditChain(db.control, t, { mode: "incremental" })).toMatchObject({
      ok: false,
      seq: 23,
      reason: "sequence_gap",
    });
  });
});
