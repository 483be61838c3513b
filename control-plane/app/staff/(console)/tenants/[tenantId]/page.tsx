import { staffCan } from "@mw/core/authz";
import { schema, withTenant } from "@mw/core/db";
import { isId } from "@mw/core/ids";
import { LocalTime } from "@mw/core/ui/local-time";
import { desc, eq } from "drizzle-orm";
import { notFound } from "next/navigation";
import { OffboardForm } from "../../../../../components/onboard-form";
import { ResumeForm, SuspendForm } from "../../../../../components/staff-forms";
import { controlDb } from "../../../../../lib/db";
import { controlEnv } from "../../../../../lib/env";
import { requireStaff } from "../../../../../lib/staff-session";

export const metadata = { title: "Tenant" };

export default async function TenantPage({ params }: { params: Promise<{ tenantId: string }> }) {
  const { tenantId } = await params;
  const staff = await requireStaff(`/staff/tenants/${tenantId}`);
  if (!isId("tenant", tenantId)) notFound();
  const db = controlDb();
  const [t] = await db.db.select().from(schema.tenants).where(eq(schema.tenants.id, tenantId));
  if (!t) notFound();
  const { hosts, events, members } = await withTenant(db, tenantId, async (tx) => ({
    hosts: await tx.select().from(schema.domains).where(eq(schema.domains.tenantId, tenantId)),
    events: staffCan(staff.ability, "platform.audit.read")
      ? await tx
          .select()
          .from(schema.auditEvents)
          .where(eq(schema.auditEvents.tenantId, tenantId))
          .orderBy(desc(schema.auditEvents.seq))
          .limit(15)
      : [],
    members: await tx.$count(schema.memberships, eq(schema.memberships.tenantId, tenantId)),
  }));
  const primary = hosts.find((h) => h.isPrimary && h.status === "verified");
  return (
    <>
      <div className="cp-spread">
        <h1 style={{ marginBottom: 0 }}>{t.name}</h1>
        <span className={`cp-status ${t.status}`} data-testid="tenant-status">
          {t.status}
        </span>
      </div>
      <p className="cp-muted">
        {t.slug} · {t.plan} plan · {members} member{members === 1 ? "" : "s"} · {t.id}
        {t.suspendedReason ? ` · suspended: ${t.suspendedReason}` : ""}
      </p>
      {primary ? (
        <p>
          <a href={`http://${primary.hostname}:${controlEnv.TENANT_APP_PUBLIC_PORT}/`}>Open {primary.hostname} →</a>
        </p>
      ) : null}
      <section className="cp-card">
        <h2>Domains</h2>
        <table className="cp-table">
          <tbody>
            {hosts.map((h) => (
              <tr key={h.id}>
                <td>{h.hostname}</td>
                <td>{h.kind}</td>
                <td>
                  <span className={`cp-status ${h.status}`}>{h.status}</span>
                </td>
                <td>{h.isPrimary ? "primary" : ""}</td>
                <td className="cp-muted">{h.lastError ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="cp-card">
        <h2>Lifecycle</h2>
        {t.status === "active" && staffCan(staff.ability, "platform.tenant.suspend") ? (
          <SuspendForm tenantId={t.id} />
        ) : null}
        {t.status === "suspended" && staffCan(staff.ability, "platform.tenant.suspend") ? (
          <ResumeForm tenantId={t.id} />
        ) : null}
        {!staffCan(staff.ability, "platform.tenant.suspend") ? (
          <p className="cp-muted">Your staff role cannot change this tenant&apos;s status.</p>
        ) : null}
      </section>
      {(t.status === "active" || t.status === "suspended") && staffCan(staff.ability, "platform.tenant.offboard") ? (
        <section className="cp-card">
          <h2>Offboard</h2>
          <OffboardForm tenantId={t.id} />
        </section>
      ) : null}
      {events.length > 0 ? (
        <section className="cp-card">
          <h2>Recent audit events</h2>
          <table className="cp-table">
            <tbody>
              {events.map((e) => (
                <tr key={e.seq}>
                  <td className="cp-muted">
                    <LocalTime date={e.occurredAt} relative />
                  </td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td>
                    {e.actorType}:{e.actorId}
                  </td>
                  <td>
                    {e.targetType}:{e.targetId}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </>
  );
}
