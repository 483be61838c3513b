import { can } from "@mw/core/authz";
import { featureAvailability } from "@mw/core/product";
import { LocalTime } from "@mw/core/ui/local-time";
import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { AuditFilters } from "../../../../components/console/audit-filters";
import { NoAccess } from "../../../../components/console/no-access";
import { requireConsoleAdmin } from "../../../../lib/console/access";
import { auditQuery, diffSnapshots, listAuditEvents, parseAuditSearch } from "../../../../lib/console/audit";
import { ChainBadge } from "./chain-badge";

export const metadata: Metadata = { title: "Audit log" };

function cursor(v: string | string[] | undefined): number | undefined {
  const n = Number(Array.isArray(v) ? v[0] : v);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

export default async function AuditPage({ searchParams }: PageProps<"/console/audit">) {
  const c = await requireConsoleAdmin("/console/audit");
  if (!can(c.session.ability, "audit.read")) return <NoAccess what="the audit log" permission="audit.read" />;
  const sp = await searchParams;
  const { values, filter, errors } = parseAuditSearch(sp);
  const before = cursor(sp.before);
  const after = before === undefined ? cursor(sp.after) : undefined;
  const page = filter ? await listAuditEvents(c.tenant.id, filter, { before, after }) : null;
  const canExport = can(c.session.ability, "audit.export");
  const exportable = featureAvailability(
    { plan: c.tenant.plan, status: c.tenant.status, entitlements: c.entitlements },
    "audit_export",
  );
  const filtered = Object.keys(values).length > 0;

  return (
    <>
      <header className="ac-page-header">
        <div>
          <h1>Audit log</h1>
          <p className="ac-muted">
            Every change in your organization, who made it and when, in your time zone (hover a time for the full date).
          </p>
        </div>
        <Suspense fallback={<span className="ac-badge pending">Verifying integrity…</span>}>
          <ChainBadge tenantId={c.tenant.id} />
        </Suspense>
      </header>

      <section className="ac-card">
        <AuditFilters values={values} errors={errors} />
        {canExport ? (
          exportable.available ? (
            <div className="ac-row ac-export">
              <span className="ac-muted ac-small">
                Export {filtered ? "the filtered events" : "all events"} (oldest first):
              </span>
              <a
                className="ac-button small secondary"
                href={`/console/audit/export${auditQuery(values, { format: "csv" })}`}
              >
                Download CSV
              </a>
              <a
                className="ac-button small secondary"
                href={`/console/audit/export${auditQuery(values, { format: "json" })}`}
              >
                Download JSON
              </a>
            </div>
          ) : (
            <div className="ac-upgrade" data-testid="audit-export-upgrade">
              {exportable.adminMessage}
            </div>
          )
        ) : null}
      </section>

      <section className="ac-card">
        {!page ? (
          <p className="ac-empty">Correct the filters above to see events.</p>
        ) : page.events.length === 0 ? (
          <p className="ac-empty">
            {filtered ? "No events match these filters." : "No events yet. Changes you make will appear here."}
          </p>
        ) : (
          <table className="ac-table ac-audit-table" aria-label="Audit events">
            <thead>
              <tr>
                <th>Time</th>
                <th>Actor</th>
                <th>Action</th>
                <th>Target</th>
                <th>Changes</th>
              </tr>
            </thead>
            <tbody>
              {page.events.map((e) => {
                const changes = diffSnapshots(e.before, e.after);
                return (
                  <tr key={e.seq} data-testid="audit-row" data-action={e.action}>
                    <td className="ac-nowrap">
                      <div>
                        <LocalTime date={e.occurredAt} relative />
                      </div>
                      <div className="ac-muted ac-small">#{e.seq}</div>
                    </td>
                    <td>
                      <Link href={`/console/audit${auditQuery({ actorType: e.actorType, actorId: e.actorId })}`}>
                        {e.actorEmail ?? e.actorId}
                      </Link>
                      <div className="ac-muted ac-small">{e.actorType}</div>
                    </td>
                    <td>
                      <code>{e.action}</code>
                    </td>
                    <td>
                      <div>{e.targetType}</div>
                      <Link
                        className="ac-small ac-mono"
                        href={`/console/audit${auditQuery({ targetType: e.targetType, targetId: e.targetId })}`}
                        title="Show every event for this target"
                      >
                        {e.targetId}
                      </Link>
                    </td>
                    <td className="ac-changes">
                      {changes.length === 0 ? <span className="ac-muted">—</span> : null}
                      {changes.slice(0, 4).map((ch) => (
                        <div key={ch.key} className="ac-change">
                          <span className="ac-change-key">{ch.key}</span>{" "}
                          {ch.before !== null ? <del>{ch.before}</del> : null}
                          {ch.before !== null && ch.after !== null ? " → " : null}
                          {ch.after !== null ? <ins>{ch.after}</ins> : null}
                        </div>
                      ))}
                      {changes.length > 4 || e.before !== null || e.after !== null ? (
                        <details className="ac-disclosure">
                          <summary>{changes.length > 4 ? `${changes.length - 4} more · details` : "Details"}</summary>
                          <pre className="ac-json">
                            {JSON.stringify(
                              { before: e.before, after: e.after, ip: e.ip, requestId: e.requestId, eventId: e.id },
                              null,
                              2,
                            )}
                          </pre>
                        </details>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        {page && (page.newer !== null || page.older !== null) ? (
          <nav className="ac-pager" aria-label="Pages">
            {page.newer !== null ? (
              <>
                <Link href={`/console/audit${auditQuery(values)}`}>« Newest</Link>
                <Link href={`/console/audit${auditQuery(values, { after: String(page.newer) })}`}>‹ Newer</Link>
              </>
            ) : null}
            {page.older !== null ? (
              <Link href={`/console/audit${auditQuery(values, { before: String(page.older) })}`}>Older ›</Link>
            ) : null}
          </nav>
        ) : null}
      </section>
    </>
  );
}
