import { schema } from "@mw/core/db";
import { and, asc, ilike, inArray, or, type SQL } from "drizzle-orm";
import Link from "next/link";
import { controlDb } from "../../../lib/db";
import { requireStaff } from "../../../lib/staff-session";

export const metadata = { title: "Tenants" };

const STATUSES = ["provisioning", "active", "suspended", "offboarding", "deleted"] as const;

export default async function TenantsPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string; status?: string }>;
}) {
  await requireStaff("/staff");
  const sp = await searchParams;
  const q = (sp.q ?? "").trim().slice(0, 100);
  const status = STATUSES.find((s) => s === sp.status);
  const db = controlDb();
  const hosts = await db.sql<
    { tenant_id: string; hostname: string; kind: string; status: string; is_primary: boolean }[]
  >`
    select * from platform_domains()`;
  const byTenant = new Map<string, (typeof hosts)[number][]>();
  for (const h of hosts) byTenant.set(h.tenant_id, [...(byTenant.get(h.tenant_id) ?? []), h]);
  const conditions: SQL[] = [];
  if (q) {
    const pattern = `%${q.replace(/[\\%_]/g, "\\$&")}%`;
    const hostMatches = hosts.filter((h) => h.hostname.includes(q.toLowerCase())).map((h) => h.tenant_id);
    const match = or(
      ilike(schema.tenants.name, pattern),
      ilike(schema.tenants.slug, pattern),
      hostMatches.length ? inArray(schema.tenants.id, hostMatches) : undefined,
    );
    if (match) conditions.push(match);
  }
  if (status) conditions.push(inArray(schema.tenants.status, [status]));
  const rows = await db.db
    .select()
    .from(schema.tenants)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(schema.tenants.name))
    .limit(200);
  return (
    <>
      <div className="cp-spread">
        <h1>Tenants</h1>
        <Link className="cp-button" href="/staff/onboard">
          Onboard a customer
        </Link>
      </div>
      <form className="cp-row" style={{ marginBottom: 16 }} aria-label="Search tenants">
        <input name="q" placeholder="Name, slug or domain" defaultValue={q} aria-label="Search" />
        <select name="status" defaultValue={status ?? ""} aria-label="Status">
          <option value="">Any status</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <button className="cp-button ghost" type="submit">
          Search
        </button>
      </form>
      <table className="cp-table" data-testid="tenant-table">
        <thead>
          <tr>
            <th>Tenant</th>
            <th>Status</th>
            <th>Plan</th>
            <th>Domains</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((t) => (
            <tr key={t.id}>
              <td>
                <Link href={`/staff/tenants/${t.id}`}>{t.name}</Link>
                <div className="cp-muted">{t.slug}</div>
              </td>
              <td>
                <span className={`cp-status ${t.status}`}>{t.status}</span>
              </td>
              <td>{t.plan}</td>
              <td>
                {(byTenant.get(t.id) ?? []).map((h) => (
                  <div key={h.hostname}>
                    {h.hostname} <span className={`cp-status ${h.status}`}>{h.status}</span>
                  </div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 ? <p className="cp-muted">No tenant matches.</p> : null}
    </>
  );
}
