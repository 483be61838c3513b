import { HostResolver } from "@mw/core/runtime";
import { THEME_PRESETS } from "@mw/themes";
import { type BenchDb, emit, nowMs, stats } from "./harness";

const TENANTS = 100_000;

/** 100,000 tenants, each with a verified platform host and a published theme. */
async function seed(db: BenchDb): Promise<void> {
  const tokens = JSON.stringify(THEME_PRESETS.aurora);
  await db.owner.sql.unsafe(`
    insert into tenants (id, slug, name, status, plan)
      select 'ten_' || lpad(g::text, 26, '0'), 't' || g, 'Tenant ' || g, 'active', 'pro' from generate_series(1, ${TENANTS}) g;
    insert into domains (id, tenant_id, hostname, kind, status, is_primary, verified_at)
      select 'dom_' || lpad(g::text, 26, '0'), 'ten_' || lpad(g::text, 26, '0'), 't' || g || '.bench.localhost', 'platform', 'verified', true, now()
        from generate_series(1, ${TENANTS}) g;
    insert into themes (id, tenant_id, version, status, tokens, created_by, published_at)
      select 'thm_' || lpad(g::text, 26, '0'), 'ten_' || lpad(g::text, 26, '0'), 1, 'published', $tokens$${tokens}$tokens$::jsonb, 'bench', now()
        from generate_series(1, ${TENANTS}) g;
    analyze tenants; analyze domains; analyze themes;`);
}

const host = (i: number) => `t${i}.bench.localhost`;
const randomTenant = () => 1 + Math.floor(Math.random() * TENANTS);

export async function benchHostLookup(db: BenchDb): Promise<void> {
  const t0 = Date.now();
  await seed(db);
  console.error(`[bench] seeded ${TENANTS} tenants in ${Date.now() - t0} ms`);

  // Baseline in the same run: the cheapest possible round trip to the same database as the same role.
  const base: number[] = [];
  for (let i = 0; i < 3000; i++) {
    const s = nowMs();
    await db.runtime.sql`select 1`;
    base.push(nowMs() - s);
  }
  const baseStats = stats(base.slice(500));

  // Misses: a cold resolver, every lookup a distinct host that must go to resolve_host().
  const cold = new HostResolver(db.runtime, { maxEntries: TENANTS * 2 });
  const miss: number[] = [];
  for (let i = 0; i < 3000; i++) {
    const h = host(randomTenant());
    if (cold.peek(h) !== undefined) continue;
    const s = nowMs();
    const r = await cold.resolve(h);
    miss.push(nowMs() - s);
    if (!r) throw new Error(`bench: ${h} did not resolve`);
  }
  const missStats = stats(miss.slice(200));

  // Warm: every host cached (all 100,000), lookups of random hosts with a Host header spelling.
  const warmResolver = new HostResolver(db.runtime, { maxEntries: TENANTS * 2 });
  for (let i = 1; i <= TENANTS; i += 1) {
    if (i % 5000 === 0) await Promise.resolve();
    await warmResolver.resolve(host(i));
  }
  const warm: number[] = [];
  for (let i = 0; i < 200_000; i++) {
    const h = `${host(randomTenant())}:3001`;
    const s = nowMs();
    await warmResolver.resolve(h);
    warm.push(nowMs() - s);
  }
  const warmStats = stats(warm.slice(10_000));

  emit({ bench: "host_lookup", metric: "warm_p50", value: warmStats.p50, unit: "ms", tenants: TENANTS });
  emit({ bench: "host_lookup", metric: "warm_p99", value: warmStats.p99, unit: "ms", tenants: TENANTS, target: 0.2 });
  emit({
    bench: "host_lookup",
    metric: "miss_p50",
    value: missStats.p50,
    unit: "ms",
    baseline: baseStats.p50,
    tenants: TENANTS,
  });
  emit({
    bench: "host_lookup",
    metric: "miss_p99",
    value: missStats.p99,
    unit: "ms",
    baseline: baseStats.p99,
    tenants: TENANTS,
    target: 3,
  });
}
