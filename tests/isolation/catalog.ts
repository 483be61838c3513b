import type postgres from "postgres";

export const APP_ROLES = ["mw_control", "mw_runtime"] as const;

/**
 * Every way the database could fail to isolate tenants that the catalog can show. Returns one
 * line per gap; empty means sound.
 */
export async function findIsolationGaps(sql: postgres.Sql): Promise<string[]> {
  const gaps: string[] = [];
  const tables = await sql<{ table: string; rls: boolean; forced: boolean }[]>`
    select c.relname as table, c.relrowsecurity as rls, c.relforcerowsecurity as forced
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind in ('r', 'p')
       and exists (select 1 from pg_attribute a
                    where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)
     order by 1`;
  if (tables.length === 0) gaps.push("no tenant-owned tables found (is the database migrated?)");
  for (const t of tables) {
    if (!t.rls) gaps.push(`${t.table}: row level security is not enabled`);
    if (!t.forced) gaps.push(`${t.table}: row level security is not forced`);
  }
  const policies = await sql<
    { table: string; name: string; cmd: string; roles: string[]; qual: string | null; check: string | null }[]
  >`
    select c.relname as table, p.polname as name, p.polcmd::text as cmd,
           array(select case when r = 0 then 'public' else pg_get_userbyid(r) end from unnest(p.polroles) r) as roles,
           pg_get_expr(p.polqual, p.polrelid) as qual, pg_get_expr(p.polwithcheck, p.polrelid) as check
      from pg_policy p join pg_class c on c.oid = p.polrelid
      join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public'`;
  const tenantCond = /tenant_id = \( SELECT current_setting\('app\.tenant_id'::text, true\)/;
  for (const t of tables) {
    const own = policies.filter((p) => p.table === t.table);
    const isolation = own.find((p) => p.name === "tenant_isolation");
    if (!isolation) {
      gaps.push(`${t.table}: no tenant_isolation policy`);
    } else if (
      isolation.cmd !== "*" ||
      !tenantCond.test(isolation.qual ?? "") ||
      !tenantCond.test(isolation.check ?? "")
    ) {
      gaps.push(`${t.table}: tenant_isolation policy does not restrict every command to app.tenant_id`);
    }
    // Permissive policies are OR-ed: any other policy that reaches an app role must be as strict.
    for (const p of own) {
      if (p.name === "tenant_isolation") continue;
      const reachesApp = p.roles.some((r) => r === "public" || (APP_ROLES as readonly string[]).includes(r));
      if (reachesApp && !tenantCond.test(p.qual ?? "")) {
        gaps.push(`${t.table}: policy ${p.name} lets an app role see rows without the tenant condition`);
      }
    }
  }
  for (const role of APP_ROLES) {
    const [r] = await sql<{ super: boolean; bypass: boolean }[]>`
      select rolsuper as super, rolbypassrls as bypass from pg_roles where rolname = ${role}`;
    if (!r) {
      gaps.push(`role ${role} does not exist`);
      continue;
    }
    if (r.super) gaps.push(`role ${role} is a superuser`);
    if (r.bypass) gaps.push(`role ${role} has BYPASSRLS`);
    const owned = await sql<{ relname: string }[]>`
      select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relowner = (select oid from pg_roles where rolname = ${role})`;
    for (const o of owned) gaps.push(`role ${role} owns ${o.relname}`);
    const memberOf = await sql<{ rolname: string }[]>`
      select g.rolname from pg_auth_members m
        join pg_roles g on g.oid = m.roleid
       where m.member = (select oid from pg_roles where rolname = ${role})`;
    for (const g of memberOf) gaps.push(`role ${role} is a member of ${g.rolname}`);
  }
  return gaps;
}
