import { emitAudit, verifyAuditChain } from "@mw/core/audit";
import { withTenant } from "@mw/core/db";
import { newId } from "@mw/core/ids";
import { tenants } from "@mw/core/schema";
import { type BenchDb, emit } from "./harness";

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

  // Many tenants appending at once (a busy platform), 16 in flight.
  let appended = 0;
  const seconds = 5;
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    tenantIds.map(async (tenantId) => {
      while (Date.now() < until) {
        await withTenant(db.control, tenantId, (tx) => emitAudit(tx, ctx, event(appended)));
        appended++;
      }
    }),
  );
  emit({
    bench: "audit_append",
    metric: "events_per_s",
    value: appended / seconds,
    unit: "events/s",
    concurrency: 16,
    target: 2000,
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
  emit({
    bench: "audit_verify",
    metric: "events_per_s",
    value: verdict.events / secs,
    unit: "events/s",
    events: verdict.events,
    target: 50_000,
  });
}
