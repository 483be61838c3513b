import { schema } from "@mw/core/db";
import { formatCount, formatNumber } from "@mw/core/ui/numbers";
import { buttonVariants } from "@mw/ui/button";
import { EmptyState } from "@mw/ui/empty-state";
import { Input, Select } from "@mw/ui/input";
import { PageHeader } from "@mw/ui/page-header";
import { Table, TBody, TD, TH, THead, TR } from "@mw/ui/table";
import { and, asc, count, ilike, inArray, or, type SQL } from "drizzle-orm";
import { Building2, Plus } from "lucide-react";
import Link from "next/link";
import { Pagination } from "../../../components/pagination";
import { DomainStatus, TenantStatus, tenantStatusLabel } from "../../../components/staff-labels";
import { controlDb } from "../../../lib/db";
import { viewerLocale } from "../../../lib/locale";
import { requireStaff } from "../../../lib/staff-session";

export const metadata = { title: "Tenants" };

const STATUSES = ["provisioning", "active", "suspended", "offboarding", "deleted"] as const;
const PAGE_SIZE = 25;

export default async function TenantsPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string; status?: string; page?: string }>;
}) {
  await requireStaff("/staff");
  const locale = await viewerLocale();
  const n = (v: number) => formatNumber(v, locale);
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
  const where = conditions.length ? and(...conditions) : undefined;
  // Counts per status for the current search (before the status filter), the total of the filtered list.
  const counts = await db.db
    .select({ status: schema.tenants.status, n: count() })
    .from(schema.tenants)
    .where(where)
    .groupBy(schema.tenants.status);
  const byStatus = new Map(counts.map((c) => [c.status, c.n]));
  const all = counts.reduce((sum, c) => sum + c.n, 0);
  const total = status ? (byStatus.get(status) ?? 0) : all;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(pages, Math.max(1, Number.parseInt(sp.page ?? "1", 10) || 1));
  const rows = await db.db
    .select()
    .from(schema.tenants)
    .where(status ? and(where, inArray(schema.tenants.status, [status])) : where)
    .orderBy(asc(schema.tenants.name), asc(schema.tenants.id))
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE);
  const params = { ...(q ? { q } : {}), ...(status ? { status } : {}) };
  return (
    <>
      <PageHeader
        title="Tenants"
        description={`${formatCount(all, "tenant", undefined, locale)}${q ? ` matching “${q}”` : ""}${
          counts.length
            ? ` · ${STATUSES.filter((s) => byStatus.has(s))
                .map((s) => `${n(byStatus.get(s) ?? 0)} ${tenantStatusLabel(s).toLowerCase()}`)
                .join(", ")}`
            : ""
        }`}
        actions={
          <Link className={buttonVariants()} href="/staff/onboard">
            <Plus aria-hidden /> Onboard a customer
          </Link>
        }
      />
      <form className="mb-4 flex flex-wrap gap-2" aria-label="Search tenants">
        <Input
          name="q"
          placeholder="Name, slug or domain"
          defaultValue={q}
          aria-label="Search"
          className="min-w-0 flex-1 basis-56"
        />
        <Select name="status" defaultValue={status ?? ""} aria-label="Status" className="w-auto">
          <option value="">Any status</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {tenantStatusLabel(s)} ({n(byStatus.get(s) ?? 0)})
            </option>
          ))}
        </Select>
        <button className={buttonVariants({ variant: "outline" })} type="submit">
          Search
        </button>
      </form>
      {rows.length === 0 ? (
        <EmptyState
          icon={Building2}
          title="No tenant matches"
          description="Try another name, slug, domain or status."
        />
      ) : (
        <Table label="Tenants" data-testid="tenant-table">
          <THead>
            <TR>
              <TH>Tenant</TH>
              <TH>Status</TH>
              <TH>Plan</TH>
              <TH>Domains</TH>
            </TR>
          </THead>
          <TBody>
            {rows.map((t) => (
              <TR key={t.id}>
                <TD>
                  <Link className="font-medium text-foreground hover:underline" href={`/staff/tenants/${t.id}`}>
                    {t.name}
                  </Link>
                  <div className="font-mono text-muted-foreground text-xs">{t.slug}</div>
                </TD>
                <TD>
                  <TenantStatus status={t.status} />
                </TD>
                <TD className="capitalize">{t.plan}</TD>
                <TD>
                  <ul className="grid gap-1">
                    {(byTenant.get(t.id) ?? []).map((h) => (
                      <li key={h.hostname} className="flex items-center gap-2">
                        <span className="whitespace-nowrap">{h.hostname}</span> <DomainStatus status={h.status} />
                      </li>
                    ))}
                  </ul>
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
      <Pagination page={page} pages={pages} total={total} path="/staff" params={params} noun="tenant" locale={locale} />
    </>
  );
}
