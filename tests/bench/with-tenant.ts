import { readTenant, withTenant } from "@mw/core/db";
import { newId } from "@mw/core/ids";
import { tenants, users } from "@mw/core/schema";
import { eq, sql } from "drizzle-orm";
import { type BenchDb, emit, nowMs, stats } from "./harness";

const ITER = 6000;

async function timeEach(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = nowMs();
    await fn(i);
    out.push(nowMs() - s);
  }
  return out.slice(Math.floor(n / 10)); // drop warm-up
}

async function throughput(seconds: number, concurrency: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  let done = 0;
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      while (Date.now() < until) {
        await fn(w * 1_000_000 + done);
        done++;
      }
    }),
  );
  return done / seconds;
}

/** The cost of tenant scoping: `withTenant` + point select vs the same select without it. */
export async function benchWithTenant(db: BenchDb): Promise<void> {
  const tenantId = newId("tenant");
  await db.owner.db.insert(tenants).values({ id: tenantId, slug: "bench-tenant", name: "Bench" });
  const ids = Array.from({ length: 1000 }, () => newId("user"));
  await db.owner.db.insert(users).values(ids.map((id, i) => ({ id, tenantId, email: `u${i}@bench.test` })));
  const pick = (i: number) => ids[i % ids.length] as string;

  // Baseline: the same drizzle point select, no transaction, no tenant setting (owner pool).
  const plain = (i: number) =>
    db.owner.db
      .select()
      .from(users)
      .where(eq(users.id, pick(i)));
  const scoped = (i: number) =>
    withTenant(db.control, tenantId, (tx) =>
      tx
        .select()
        .from(users)
        .where(eq(users.id, pick(i))),
    );
  const read = (i: number) =>
    readTenant(db.control, tenantId, (tx) =>
      tx
        .select()
        .from(users)
        .where(eq(users.id, pick(i))),
    );
  // What drizzle does by itself: BEGIN, set_config, SELECT, COMMIT, each awaited.
  const naive = (i: number) =>
    db.control.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('app.tenant_id', ${tenantId}, true)`);
      return tx
        .select()
        .from(users)
        .where(eq(users.id, pick(i)));
    });

  const check = await scoped(1);
  if (check.length !== 1) throw new Error("bench: withTenant did not see its row");
  if ((await read(1)).length !== 1) throw new Error("bench: readTenant did not see its row");

  // Interleave rounds so drift on a shared machine hits all variants alike.
  const p: number[] = [];
  const w: number[] = [];
  const n: number[] = [];
  const r: number[] = [];
  for (let round = 0; round < 3; round++) {
    p.push(...(await timeEach(ITER / 3, plain)));
    w.push(...(await timeEach(ITER / 3, scoped)));
    r.push(...(await timeEach(ITER / 3, read)));
    n.push(...(await timeEach(ITER / 3, naive)));
  }
  const [ps, ws, ns, rs] = [stats(p), stats(w), stats(n), stats(r)];
  emit({
    bench: "read_tenant",
    metric: "latency_mean",
    value: rs.mean,
    unit: "ms",
    baseline: ps.mean,
    target_ratio: 1.3,
  });
  emit({ bench: "read_tenant", metric: "latency_p99", value: rs.p99, unit: "ms", baseline: ps.p99 });
  emit({
    bench: "with_tenant",
    metric: "latency_mean",
    value: ws.mean,
    unit: "ms",
    baseline: ps.mean,
    target_ratio: 1.3,
  });
  emit({ bench: "with_tenant", metric: "latency_p99", value: ws.p99, unit: "ms", baseline: ps.p99 });
  emit({ bench: "with_tenant_naive_drizzle", metric: "latency_mean", value: ns.mean, unit: "ms", baseline: ps.mean });

  const tPlain = await throughput(3, 8, plain);
  const tScoped = await throughput(3, 8, scoped);
  const tRead = await throughput(3, 8, read);
  // Throughput ratios are inverted (baseline ÷ value) so that, like latency, lower is better.
  emit({
    bench: "with_tenant",
    metric: "throughput_c8",
    value: tScoped,
    unit: "queries/s",
    baseline: tPlain,
    ratio: tPlain / tScoped,
  });
  emit({
    bench: "read_tenant",
    metric: "throughput_c8",
    value: tRead,
    unit: "queries/s",
    baseline: tPlain,
    ratio: tPlain / tRead,
  });
}
