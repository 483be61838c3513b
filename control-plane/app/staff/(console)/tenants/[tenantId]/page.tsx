import { staffCan } from "@mw/core/authz";
import { schema, withTenant } from "@mw/core/db";
import { isId } from "@mw/core/ids";
import { LocalTime } from "@mw/core/ui/local-time";
import { formatCount } from "@mw/core/ui/numbers";
import { Breadcrumbs } from "@mw/ui/breadcrumbs";
import { buttonVariants } from "@mw/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@mw/ui/card";
import { PageHeader } from "@mw/ui/page-header";
import { Table, TBody, TD, TH, THead, TR } from "@mw/ui/table";
import { desc, eq } from "drizzle-orm";
import { CreditCard, ExternalLink } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AuditRows, auditNames } from "../../../../../components/audit-rows";
import { OffboardForm, ResumeForm, SuspendForm } from "../../../../../components/staff-forms";
import { DomainStatus, domainErrorLabel, TenantStatus } from "../../../../../components/staff-labels";
import { controlDb } from "../../../../../lib/db";
import { controlEnv } from "../../../../../lib/env";
import { viewerLocale } from "../../../../../lib/locale";
import { requireStaff } from "../../../../../lib/staff-session";

export const metadata = { title: "Tenant" };

export default async function TenantPage({ params }: { params: Promise<{ tenantId: string }> }) {
  const { tenantId } = await params;
  const staff = await requireStaff(`/staff/tenants/${tenantId}`);
  if (!isId("tenant", tenantId)) notFound();
  const db = controlDb();
  const [t] = await db.db.select().from(schema.tenants).where(eq(schema.tenants.id, tenantId));
  if (!t) notFound();
  const { hosts, events, members, names } = await withTenant(db, tenantId, async (tx) => {
    const events = staffCan(staff.ability, "platform.audit.read")
      ? await tx
          .select()
          .from(schema.auditEvents)
          .where(eq(schema.auditEvents.tenantId, tenantId))
          .orderBy(desc(schema.auditEvents.seq))
          .limit(15)
      : [];
    return {
      hosts: await tx.select().from(schema.domains).where(eq(schema.domains.tenantId, tenantId)),
      events,
      names: await auditNames(tx, events),
      members: await tx.$count(schema.memberships, eq(schema.memberships.tenantId, tenantId)),
    };
  });
  const primary = hosts.find((h) => h.isPrimary && h.status === "verified");
  const canSuspend = staffCan(staff.ability, "platform.tenant.suspend");
  const canOffboard =
    (t.status === "active" || t.status === "suspended") && staffCan(staff.ability, "platform.tenant.offboard");
  return (
    <>
      <Breadcrumbs items={[{ label: "Tenants", href: "/staff" }, { label: t.name }]} />
      <PageHeader
        title={t.name}
        description={
          <>
            <span className="font-mono">{t.slug}</span> · <span className="capitalize">{t.plan}</span> plan ·{" "}
            {formatCount(members, "member", undefined, await viewerLocale())} · created{" "}
            <LocalTime date={t.createdAt} style="date" />
          </>
        }
        actions={
          <>
            <TenantStatus status={t.status} testId="tenant-status" />
            {staffCan(staff.ability, "platform.billing.read") ? (
              <Link
                className={buttonVariants({ variant: "outline", size: "sm" })}
                href={`/staff/tenants/${t.id}/billing`}
              >
                <CreditCard aria-hidden /> Billing
              </Link>
            ) : null}
            {primary ? (
              <a
                className={buttonVariants({ variant: "outline", size: "sm" })}
                href={`http://${primary.hostname}:${controlEnv.TENANT_APP_PUBLIC_PORT}/`}
              >
                Open {primary.hostname} <ExternalLink aria-hidden />
              </a>
            ) : null}
          </>
        }
      />
      <div className="grid gap-6">
        <Card>
          <CardHeader>
            <CardTitle>Domains</CardTitle>
          </CardHeader>
          <CardContent>
            <Table label="Domains">
              <THead>
                <TR>
                  <TH>Host</TH>
                  <TH>Kind</TH>
                  <TH>Status</TH>
                  <TH>Note</TH>
                </TR>
              </THead>
              <TBody>
                {hosts.map((h) => (
                  <TR key={h.id}>
                    <TD className="whitespace-nowrap">
                      {h.hostname}
                      {h.isPrimary ? <span className="ml-2 text-muted-foreground text-xs">primary</span> : null}
                    </TD>
                    <TD className="capitalize">{h.kind}</TD>
                    <TD>
                      <DomainStatus status={h.status} />
                    </TD>
                    <TD className="text-muted-foreground">{domainErrorLabel(h.lastError)}</TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Lifecycle</CardTitle>
            <CardDescription>
              {t.suspendedReason
                ? `Suspended: ${t.suspendedReason}`
                : "Suspend takes the site offline until resumed; offboarding removes it."}
            </CardDescription>
          </CardHeader>
          <CardContent className="flex flex-wrap gap-2">
            {t.status === "active" && canSuspend ? <SuspendForm tenantId={t.id} name={t.name} /> : null}
            {t.status === "suspended" && canSuspend ? <ResumeForm tenantId={t.id} /> : null}
            {canOffboard ? <OffboardForm tenantId={t.id} name={t.name} slug={t.slug} /> : null}
            {!canSuspend ? (
              <p className="text-muted-foreground text-sm">Your staff role cannot change this tenant&apos;s status.</p>
            ) : null}
          </CardContent>
        </Card>
        {events.length > 0 ? (
          <Card>
            <CardHeader>
              <CardTitle>Recent audit events</CardTitle>
            </CardHeader>
            <CardContent>
              <AuditRows events={events} names={names} />
            </CardContent>
          </Card>
        ) : null}
      </div>
    </>
  );
}
