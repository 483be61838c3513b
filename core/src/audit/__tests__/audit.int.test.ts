import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "../../db/client";
import { tenants } from "../../db/schema/index";
import { newId } from "../../ids";
import { createTestDatabase, type TestDatabase } from "../../testing/db";
import { type AuditCtx, emitAudit } from "../emit";
import { exportAuditEvents } from "../export";
import { verifyAuditChain } from "../verify";

let db: TestDatabase;
const ctx: AuditCtx = {
  actor: { type: "user", userId: "usr_test", membershipId: null },
  requestId: "req_1",
  ip: "127.0.0.1",
};

async function newTenant(): Promise<string> {
  const id = newId("tenant");
  await db.control.db.insert(tenants).values({ id, slug: id.slice(-12), name: "T" });
  return id;
}

async function append(tenantId: string, n: number, prefix = "artist.update"): Promise<void> {
  for (let i = 0; i < n; i++) {
    await withTenant(db.control, tenantId, (tx) =>
      emitAudit(tx, ctx, {
        action: prefix as `${string}.${string}`,
        target: { type: "artist", id: `art_${i}` },
        before: { i },
        after: { i: i + 1, nested: { z: 1, a: [1, 2] } },
      }),
    );
  }
}

/** Tamper as a database superuser with triggers off, the way an attacker with raw access would. */
async function tamper(statement: string): Promise<void> {
  await db.owner.sql.begin(async (tx) => {
    await tx`set local session_replication_role = replica`;
    await tx.unsafe(statement);
  });
}

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

describe("audit hash chain", () => {
  it("appends in order and verifies", async () => {
    const t = await newTenant();
    await append(t, 25);
    expect(await verifyAuditChain(db.control, t)).toMatchObject({ ok: true, events: 25, headSeq: 25, checked: 25 });
  });

  it("keeps chains per tenant", async () => {
    const [t1, t2] = [await newTenant(), await newTenant()];
    await append(t1, 3);
    await append(t2, 2);
    expect(await verifyAuditChain(db.control, t1)).toMatchObject({ ok: true, events: 3 });
    expect(await verifyAuditChain(db.control, t2)).toMatchObject({ ok: true, events: 2 });
  });

  it("writes nothing when the surrounding transaction rolls back", async () => {
    const t = await newTenant();
    await append(t, 2);
    await expect(
      withTenant(db.control, t, async (tx) => {
        await emitAudit(tx, ctx, { action: "artist.delete", target: { type: "artist", id: "a" } });
        throw new Error("change failed");
      }),
    ).rejects.toThrow("change failed");
    expect(await verifyAuditChain(db.control, t)).toMatchObject({ ok: true, events: 2, headSeq: 2 });
  });

  it("serializes concurrent appends for one tenant into one gapless chain", async () => {
    const t = await newTenant();
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        withTenant(db.control, t, (tx) =>
          emitAudit(tx, ctx, { action: "artist.create", target: { type: "artist", id: `c${i}` } }),
        ),
      ),
    );
    expect(await verifyAuditChain(db.control, t)).toMatchObject({ ok: true, events: 40, headSeq: 40 });
  });

  it("detects an edited row", async () => {
    const t = await newTenant();
    await append(t, 5);
    await tamper(`update audit_events set after = '{"i": 999}' where tenant_id = '${t}' and seq = 3`);
    expect(await verifyAuditChain(db.control, t)).toMatchObject({ ok: false, seq: 3, reason: "hash_mismatch" });
  });

  it("detects an edited actor even when the attacker recomputes nothing else", async () => {
    const t = await newTenant();
    await append(t, 3);
    await tamper(`update audit_events set actor_id = 'usr_someone_else' where tenant_id = '${t}' and seq = 1`);
    expect(await verifyAuditChain(db.control, t)).toMatchObject({ ok: false, seq: 1, reason: "hash_mismatch" });
  });

  it("detects a deleted row in the middle", async () => {
    const t = await newTenant();
    await append(t, 5);
    await tamper(`delete from audit_events where tenant_id = '${t}' and seq = 2`);
    expect(await verifyAuditChain(db.control, t)).toMatchObject({ ok: false, seq: 3, reason: "sequence_gap" });
  });

  it("detects a deleted last row", async () => {
    const t = await newTenant();
    await append(t, 4);
    await tamper(`delete from audit_events where tenant_id = '${t}' and seq = 4`);
    expect(await verifyAuditChain(db.control, t)).toMatchObject({ ok: false, reason: "head_mismatch" });
  });

  it("detects reordered rows", async () => {
    const t = await newTenant();
    await append(t, 5);
    await tamper(`update audit_events set seq = -seq where tenant_id = '${t}' and seq in (2, 4)`);
    await tamper(
      `update audit_events set seq = case seq when -2 then 4 else 2 end where tenant_id = '${t}' and seq in (-2, -4)`,
    );
    expect(await verifyAuditChain(db.control, t)).toMatchObject({ ok: false, seq: 2, reason: "hash_mismatch" });
  });

  it("is append-only: the app roles lack UPDATE/DELETE and a trigger rejects them for anyone", async () => {
    const t = await newTenant();
    await append(t, 1);
    for (const app of [db.control, db.runtime]) {
      await expect(withTenant(app, t, (tx) => tx.$sql`update audit_events set action = 'x.y'`)).rejects.toMatchObject({
        code: "42501",
      });
      await expect(withTenant(app, t, (tx) => tx.$sql`delete from audit_events`)).rejects.toMatchObject({
        code: "42501",
      });
    }
    await expect(db.owner.sql`update audit_events set action = 'x.y' where tenant_id = ${t}`).rejects.toThrow(
      /append-only/,
    );
    await expect(db.owner.sql`delete from audit_events where tenant_id = ${t}`).rejects.toThrow(/append-only/);
    await expect(db.owner.sql`truncate audit_events`).rejects.toThrow(/append-only/);
    expect(await verifyAuditChain(db.control, t)).toMatchObject({ ok: true, events: 1 });
  });

  it("strips secrets from before/after", async () => {
    const t = await newTenant();
    await withTenant(db.control, t, (tx) =>
      emitAudit(tx, ctx, {
        action: "user.update",
        target: { type: "user", id: "u" },
        before: { passwordHash: "argon2id$..." },
        after: { passwordHash: "argon2id$new", name: "N" },
      }),
    );
    const [row] = await db.owner.sql`select before, after from audit_events where tenant_id = ${t}`;
    expect(row?.after).toEqual({ passwordHash: "[redacted]", name: "N" });
    expect(JSON.stringify(row)).not.toContain("argon2id");
  });
});

describe("audit export", () => {
  async function collect(gen: AsyncGenerator<string>): Promise<string[]> {
    const chunks: string[] = [];
    for await (const c of gen) chunks.push(c);
    return chunks;
  }

  it("streams CSV in batches with a header and escaped cells", async () => {
    const t = await newTenant();
    await append(t, 30);
    await withTenant(db.control, t, (tx) =>
      emitAudit(
        tx,
        { ...ctx, userAgent: '=HYPERLINK("http://evil")' },
        { action: "theme.publish", target: { type: "theme", id: "thm_1" } },
      ),
    );
    const chunks = await collect(exportAuditEvents(db.control, t, {}, "csv", { batchSize: 10 }));
    expect(chunks.length).toBeGreaterThanOrEqual(5); // header + ≥ 4 batches: rows are never all in memory
    const lines = chunks.join("").trimEnd().split("\n");
    expect(lines[0]).toBe(
      "seq,id,occurred_at,actor_type,actor_id,action,target_type,target_id,ip,user_agent,request_id,before,after,hash",
    );
    expect(lines).toHaveLength(32);
    expect(lines[31]).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });

  it("streams JSON that parses, with filters applied", async () => {
    const t = await newTenant();
    await append(t, 6, "artist.update");
    await append(t, 3, "theme.publish");
    const all = JSON.parse((await collect(exportAuditEvents(db.control, t, {}, "json", { batchSize: 4 }))).join(""));
    expect(all).toHaveLength(9);
    const themes = JSON.parse((await collect(exportAuditEvents(db.control, t, { action: "theme." }, "json"))).join(""));
    expect(themes.map((e: { action: string }) => e.action)).toEqual([
      "theme.publish",
      "theme.publish",
      "theme.publish",
    ]);
    const one = JSON.parse(
      (await collect(exportAuditEvents(db.control, t, { targetId: "art_2", action: "artist.update" }, "json"))).join(
        "",
      ),
    );
    expect(one).toHaveLength(1);
    expect(one[0]).toMatchObject({
      seq: 3,
      target: { type: "artist", id: "art_2" },
      actor: { type: "user", id: "usr_test" },
    });
    const none = JSON.parse((await collect(exportAuditEvents(db.control, t, { actorType: "staff" }, "json"))).join(""));
    expect(none).toEqual([]);
  });

  it("never includes another tenant's events", async () => {
    const [t1, t2] = [await newTenant(), await newTenant()];
    await append(t1, 2);
    await append(t2, 3);
    const rows = JSON.parse((await collect(exportAuditEvents(db.control, t1, {}, "json"))).join(""));
    expect(rows).toHaveLength(2);
  });
});
