import { createHmac, randomBytes } from "node:crypto";
import { canonicalEvent, emitAudit, verifyAuditChain } from "@mw/core/audit";
import { withTenant } from "@mw/core/db";
import { newId } from "@mw/core/ids";
import { tenants } from "@mw/core/schema";
import { type BenchDb, emit, round } from "./harness";

const ctx = {
  actor: { type: "user" as const, userId: "usr_bench", membershipId: null },
  requestId: "req_bench",
  ip: "127.0.0.1",
  userAgent: "bench",
};
const event = (i: number) => ({
  action: "artist.update" as const,
  target: { type: "artist", id: `art_${i}` },
  before: { name: `Artist ${i}`, genre: "jazz" },
  after: { name: `Artist ${i} (live)`, genre: "jazz" },
});

/** Audit append (each event its own transaction, as a verb writes it) and chain verification. */
export async function benchAudit(db: BenchDb): Promise<void> {
  const tenantIds = Array.from({ length: 16 }, () => newId("tenant"));
  await db.owner.db.insert(tenants).values(tenantIds.map((id, i) => ({ id, slug: `audit-${i}`, name: `A${i}` })));

  // Baseline in the same run: the same transaction shape (withTenant, one statement) inserting a
  // row of the same columns, size and indexes into a plain table — no chain head, no key, no hash.
  // `like … including all` copies columns, defaults and indexes but neither the foreign key to
  // tenants (a key-share lock on the tenant row per insert) nor the row-level security the audit
  // table has: both are added, so the baseline pays what any tenant-owned insert pays here.
  await db.owner.sql.unsafe(`
    create table bench_plain_events (like audit_events including all);
    alter table bench_plain_events add foreign key (tenant_id) references tenants (id) on delete restrict;
    select mw_enable_tenant_rls('bench_plain_events');
    grant insert on bench_plain_events to mw_control`);
  let plainSeq = 0;
  const plainInsert = (tenantId: string, i: number) =>
    withTenant(db.control, tenantId, (tx) => {
      const e = event(i);
      return tx.$sql`
        insert into bench_plain_events (tenant_id, seq, id, actor_type, actor_id, action, target_type, target_id,
                                        before, after, ip, user_agent, request_id, occurred_at, hash)
        values (${tenantId}, ${++plainSeq}, ${newId("audit")}, ${ctx.actor.type}, ${ctx.actor.userId}, ${e.action},
                ${e.target.type}, ${e.target.id}, ${JSON.stringify(e.before)}::jsonb, ${JSON.stringify(e.after)}::jsonb,
                ${ctx.ip}, ${ctx.userAgent}, ${ctx.requestId}, now(), ${randomBytes(32)})`;
    });
  const append = (tenantId: string, i: number) =>
    withTenant(db.control, tenantId, (tx) => emitAudit(tx, ctx, event(i)));

  // Many tenants appending at once (a busy platform), 16 in flight; one-second slices alternate
  // between the two so that whatever else the machine does hits both alike.
  const done = { append: 0, plain: 0 };
  const runSlice = async (which: keyof typeof done): Promise<number> => {
    const before = done[which];
    const until = Date.now() + 1000;
    await Promise.all(
      tenantIds.map(async (tenantId) => {
        while (Date.now() < until) {
          await (which === "append" ? append : plainInsert)(tenantId, done[which]);
          done[which]++;
        }
      }),
    );
    return done[which] - before;
  };
  // Not counted: whichever ran first used to pay for opening the pool's 16 connections (SCRAM
  // authentication) and each new backend's first statements (plans, the function's compilation,
  // pgcrypto's load) — the append, every time (its first slice measured 0.42–0.58× the baseline).
  await runSlice("append");
  await runSlice("plain");
  done.append = 0;
  done.plain = 0;
  const slices = 6;
  // The spread of the pairs' ratios shows how much the machine's other work moved the figure.
  const pairRatios: number[] = [];
  for (let slice = 0; slice < slices; slice++) {
    const appended = await runSlice("append");
    pairRatios.push(round(appended / (await runSlice("plain")), 3));
  }
  emit({
    bench: "audit_append",
    metric: "events_per_s",
    value: done.append / slices,
    unit: "events/s",
    baseline: done.plain / slices,
    baseline_what:
      "one-row insert transactions of the same columns, indexes, foreign key and row-level security into a plain table",
    concurrency: 16,
    target: 2000,
    target_ratio: 0.8,
    slice_ratios: pairRatios,
  });

  // One hot tenant: appends serialize on its chain head.
  const hot = tenantIds[0] as string;
  let hotN = 0;
  const hotUntil = Date.now() + 3000;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (Date.now() < hotUntil) {
        await withTenant(db.control, hot, (tx) => emitAudit(tx, ctx, event(hotN)));
        hotN++;
      }
    }),
  );
  emit({
    bench: "audit_append_single_tenant",
    metric: "events_per_s",
    value: hotN / 3,
    unit: "events/s",
    concurrency: 8,
  });

  // Grow one chain to 100,000 events (pipelined inside transactions), then verify it.
  const big = tenantIds[1] as string;
  const existing = (await verifyAuditChain(db.control, big)).events;
  for (let done = existing; done < 100_000; ) {
    const batch = Math.min(2000, 100_000 - done);
    await withTenant(db.control, big, (tx) =>
      Promise.all(Array.from({ length: batch }, (_, i) => emitAudit(tx, ctx, event(done + i)))),
    );
    done += batch;
  }
  const s = process.hrtime.bigint();
  const verdict = await verifyAuditChain(db.control, big, { batchSize: 5000 });
  const secs = Number(process.hrtime.bigint() - s) / 1e9;
  if (!verdict.ok) throw new Error(`bench: chain did not verify: ${JSON.stringify(verdict)}`);
  // Baseline: HMAC-SHA256 over the same events' canonical bytes, chained, in memory (no I/O).
  const rows = await db.owner.sql<
    {
      id: string;
      actor_type: string;
      actor_id: string;
      action: string;
      target_type: string;
      target_id: string;
      before: unknown;
      after: unknown;
      ip: string | null;
      user_agent: string | null;
      request_id: string | null;
      occurred_at: Date;
    }[]
  >`select id, actor_type, actor_id, action, target_type, target_id, before, after, ip, user_agent, request_id,
           occurred_at from audit_events where tenant_id = ${big} order by seq`;
  const messages = rows.map((r) =>
    canonicalEvent({
      id: r.id,
      tenantId: big,
      actorType: r.actor_type,
      actorId: r.actor_id,
      action: r.action,
      targetType: r.target_type,
      targetId: r.target_id,
      before: r.before,
      after: r.after,
      ip: r.ip,
      userAgent: r.user_agent,
      requestId: r.request_id,
      occurredAt: r.occurred_at instanceof Date ? r.occurred_at.toISOString() : String(r.occurred_at),
    }),
  );
  const key = randomBytes(32);
  const h0 = process.hrtime.bigint();
  let prev = Buffer.alloc(32);
  for (const m of messages) prev = createHmac("sha256", key).update(prev).update(m, "utf8").digest();
  const hashSecs = Number(process.hrtime.bigint() - h0) / 1e9;
  emit({
    bench: "audit_verify",
    metric: "events_per_s",
    value: verdict.events / secs,
    unit: "events/s",
    baseline: messages.length / hashSecs,
    baseline_what: "chained HMAC-SHA256 over the same events' canonical bytes in memory",
    events: verdict.events,
    target: 50_000,
  });
}
