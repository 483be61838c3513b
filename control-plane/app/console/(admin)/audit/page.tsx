import { can } from "@mw/core/authz";
import { readTenant } from "@mw/core/db";
import { featureAvailability } from "@mw/core/product";
import { LocalTime } from "@mw/core/ui/local-time";
import { cn } from "@mw/ui";
import { Alert } from "@mw/ui/alert";
import { Badge } from "@mw/ui/badge";
import { Button, buttonVariants } from "@mw/ui/button";
import { Card, CardContent } from "@mw/ui/card";
import { EmptyState } from "@mw/ui/empty-state";
import { PageHeader } from "@mw/ui/page-header";
import { Table, TBody, TD, TH, THead, TR } from "@mw/ui/table";
import { Download, ScrollText } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { auditNames } from "../../../../components/audit-rows";
import { AuditFilters } from "../../../../components/console/audit-filters";
import { NoAccess } from "../../../../components/console/no-access";
import { requireConsoleAdmin } from "../../../../lib/console/access";
import { auditQuery, diffSnapshots, listAuditEvents, parseAuditSearch } from "../../../../lib/console/audit";
import { controlDb } from "../../../../lib/db";
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
  const events = page?.events ?? [];
  // People, themes, domains, invitations… by name, as on the staff console's audit rows.
  const names = events.length
    ? await readTenant(controlDb(), c.tenant.id, (tx) => auditNames(tx, events))
    : new Map<string, string>();
  const canExport = can(c.session.ability, "audit.export");
  const exportable = featureAvailability(
    { plan: c.tenant.plan, status: c.tenant.status, entitlements: c.entitlements },
    "audit_export",
    { dunning: c.dunning.state },
  );
  const filtered = Object.keys(values).length > 0;

  const pager = buttonVariants({ variant: "outline", size: "sm" });
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change in your organization, who made it and when, in your time zone (hover a time for the full date)."
        actions={
          <Suspense fallback={<Badge tone="neutral">Verifying integrity…</Badge>}>
            <ChainBadge tenantId={c.tenant.id} />
          </Suspense>
        }
      />
      <div className="grid gap-6">
        <Card>
          <CardContent className="grid gap-4">
            <AuditFilters values={values} errors={errors} />
            {canExport ? (
              exportable.available ? (
                <div className="flex flex-wrap items-center gap-2 border-border/35 border-t pt-4">
                  <span className="text-muted-foreground text-sm">
                    Export {filtered ? "the filtered events" : "all events"} (oldest first):
                  </span>
                  <Button asChild variant="outline" size="sm">
                    <a href={`/console/audit/export${auditQuery(values, { format: "csv" })}`}>
                      <Download aria-hidden />
                      Download CSV
                    </a>
                  </Button>
                  <Button asChild variant="outline" size="sm">
                    <a href={`/console/audit/export${auditQuery(values, { format: "json" })}`}>
                      <Download aria-hidden />
                      Download JSON
                    </a>
                  </Button>
                </div>
              ) : (
                <Alert tone="info" data-testid="audit-export-upgrade">
                  {exportable.adminMessage}
                </Alert>
              )
            ) : null}
          </CardContent>
        </Card>

        <Card>
          <CardContent className="grid gap-4">
            {!page ? (
              <EmptyState icon={ScrollText} title="Correct the filters above to see events." />
            ) : page.events.length === 0 ? (
              <EmptyState
                icon={ScrollText}
                title={filtered ? "No events match these filters." : "No events yet."}
                description={filtered ? undefined : "Changes you make will appear here."}
              />
            ) : (
              <Table label="Audit events">
                <THead>
                  <TR>
                    <TH>Time</TH>
                    <TH>Actor</TH>
                    <TH>Action</TH>
                    <TH>Target</TH>
                    <TH>Changes</TH>
                  </TR>
                </THead>
                <TBody>
                  {page.events.map((e) => {
                    const changes = diffSnapshots(e.before, e.after);
                    return (
                      <TR key={e.seq} data-testid="audit-row" data-action={e.action}>
                        <TD className="whitespace-nowrap align-top">
                          <div>
                            <LocalTime date={e.occurredAt} relative />
                          </div>
                          <div className="text-muted-foreground text-xs">#{e.seq}</div>
                        </TD>
                        <TD className="align-top">
                          <Link
                            className="break-words text-primary hover:underline"
                            href={`/console/audit${auditQuery({ actorType: e.actorType, actorId: e.actorId })}`}
                            title={e.actorId}
                          >
                            {names.get(e.actorId) ?? e.actorEmail ?? e.actorId}
                          </Link>
                          {e.actorEmail && names.get(e.actorId) !== e.actorEmail ? (
                            // Only the address may break anywhere (it has no spaces); names wrap at words.
                            <div className="text-muted-foreground text-xs [overflow-wrap:anywhere]">{e.actorEmail}</div>
                          ) : null}
                          <div className="text-muted-foreground text-xs">{e.actorType}</div>
                        </TD>
                        <TD className="align-top">
                          <code className="whitespace-nowrap rounded-sm bg-muted px-1.5 py-0.5 font-mono text-xs">
                            {e.action}
                          </code>
                        </TD>
                        <TD className="align-top">
                          <Link
                            className={cn(
                              "text-primary hover:underline",
                              // An id (no name known) is one long token: it may break anywhere.
                              names.has(e.targetId) ? "break-words" : "font-mono text-xs [overflow-wrap:anywhere]",
                            )}
                            href={`/console/audit${auditQuery({ targetType: e.targetType, targetId: e.targetId })}`}
                            title={`Every event for ${e.targetId}`}
                          >
                            {names.get(e.targetId) ?? e.targetId}
                          </Link>
                          <div className="text-muted-foreground text-xs">{e.targetType}</div>
                        </TD>
                        <TD className="min-w-56 max-w-md align-top text-xs">
                          {changes.length === 0 ? <span className="text-muted-foreground">—</span> : null}
                          {changes.slice(0, 4).map((ch) => (
                            <div key={ch.key} className="break-words">
                              <span className="font-medium font-mono">{ch.key}</span>{" "}
                              {ch.before !== null ? (
                                <del className="bg-danger-soft px-0.5 text-foreground">{ch.before}</del>
                              ) : null}
                              {ch.before !== null && ch.after !== null ? " → " : null}
                              {ch.after !== null ? (
                                <ins className="bg-success-soft px-0.5 text-foreground no-underline">{ch.after}</ins>
                              ) : null}
                            </div>
                          ))}
                          {changes.length > 4 || e.before !== null || e.after !== null ? (
                            <details className="mt-1">
                              <summary className="cursor-pointer text-primary hover:underline">
                                {changes.length > 4 ? `${changes.length - 4} more · details` : "Details"}
                              </summary>
                              <pre className="mt-1 max-h-64 overflow-auto rounded-md bg-muted p-2 font-mono text-xs">
                                {JSON.stringify(
                                  { before: e.before, after: e.after, ip: e.ip, requestId: e.requestId, eventId: e.id },
                                  null,
                                  2,
                                )}
                              </pre>
                            </details>
                          ) : null}
                        </TD>
                      </TR>
                    );
                  })}
                </TBody>
              </Table>
            )}
            {page && (page.newer !== null || page.older !== null) ? (
              <nav className="flex flex-wrap justify-end gap-2" aria-label="Pages">
                {page.newer !== null ? (
                  <>
                    <Link className={pager} href={`/console/audit${auditQuery(values)}`}>
                      « Newest
                    </Link>
                    <Link className={pager} href={`/console/audit${auditQuery(values, { after: String(page.newer) })}`}>
                      ‹ Newer
                    </Link>
                  </>
                ) : null}
                {page.older !== null ? (
                  <Link className={pager} href={`/console/audit${auditQuery(values, { before: String(page.older) })}`}>
                    Older ›
                  </Link>
                ) : null}
              </nav>
            ) : null}
          </CardContent>
        </Card>
      </div>
    </>
  );
}
