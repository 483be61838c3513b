import { readTenant, withTenant } from "@mw/core/db";
import { newId } from "@mw/core/ids";
import { tenants, users } from "@mw/core/schema";
import { eq, sql } from "drizzle-orm";
import { type BenchDb, emit, nowMs, stats } from "./harness";

const ITER = 6000;
const WARMUP = 600;

type Variant = (i: number) => Promise<unknown>;

/**
 * Each iteration runs every variant once, rotating which goes first, so drift on a shared machine
 * (other processes come and go within seconds) hits all variants alike.
 */
async function timeInterleaved<K extends string>(variants: Record<K, Variant>): Promise<Record<K, number[]>> {
  const names = Object.keys(variants) as K[];
  const out = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>;
  for (let i = 0; i < WARMUP + ITER; i++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(i + k) % names.length] as K;
      const s = nowMs();
      await variants[name](i);
      if (i >= WARMUP) out[name].push(nowMs() - s);
    }
  }
  return out;
}

/** Queries/s with `concurrency` callers, in alternating one-second slices per variant. */
async function throughputInterleaved<K extends string>(
  seconds: number,
  concurrency: number,
  variants: Record<K, Variant>,
): Promise<Record<K, number>> {
  const names = Object.keys(variants) as K[];
  const done = Object.fromEntries(names.map((n) => [n, 0])) as Record<K, number>;
  for (let slice = 0; slice < seconds; slice++) {
    for (const name of names) {
      const until = Date.now() + 1000;
      await Promise.all(
        Array.from({ length: concurrency }, async (_, w) => {
          while (Date.now() < until) {
            await variants[name](w * 1_000_000 + done[name]);
            done[name]++;
          }
        }),
      );
    }
  }
  for (const name of names) done[name] /= seconds;
  return done;
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
  // The statement handed back unexecuted: withTenant pipelines BEGIN, set_config, it and COMMIT.
  const scoped = (i: number) =>
    withTenant(db.control, tenantId, (tx) =>
      tx
        .select()
        .from(users)
        .where(eq(users.id, pick(i))),
    );
  // The general shape (an async fn awaiting its statements): COMMIT needs a second round trip.
  const scopedAsync = (i: number) =>
    withTenant(db.control, tenantId, async (tx) => {
      const rows = await tx
        .select()
        .from(users)
        .where(eq(users.id, pick(i)));
      return rows;
    });
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
  if ((await scopedAsync(1)).length !== 1) throw new Error("bench: withTenant (async fn) did not see its row");

  const lat = await timeInterleaved({ plain, scoped, read, scopedAsync, naive });
  const st = {
    plain: stats(lat.plain),
    scoped: stats(lat.scoped),
    read: stats(lat.read),
    scopedAsync: stats(lat.scopedAsync),
    naive: stats(lat.naive),
  };
  const figures = [
    ["with_tenant", st.scoped, 1.3],
    ["read_tenant", st.read, 1.3],
    ["with_tenant_async_fn", st.scopedAsync, null],
    ["with_tenant_naive_drizzle", st.naive, null],
  ] as const;
  for (const [bench, s, target] of figures) {
    const t = target ? { target_ratio: target } : {};
    emit({ bench, metric: "latency_mean", value: s.mean, unit: "ms", baseline: st.plain.mean, ...t });
    emit({ bench, metric: "latency_p50", value: s.p50, unit: "ms", baseline: st.plain.p50 });
    emit({ bench, metric: "latency_p99", value: s.p99, unit: "ms", baseline: st.plain.p99 });
  }

  const tput = await throughputInterleaved(3, 8, { plain, scoped, read });
  // Throughput ratios are inverted (baseline ÷ value) so that, like latency, lower is better.
  for (const [bench, value] of [
    ["with_tenant", tput.scoped],
    ["read_tenant", tput.read],
  ] as const) {
    emit({
      bench,
      metric: "throughput_c8",
      value,
      unit: "queries/s",
      baseline: tput.plain,
      ratio: tput.plain / value,
    });
  }
}
