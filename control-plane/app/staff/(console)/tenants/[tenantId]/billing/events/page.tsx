import { staffCan } from "@mw/core/authz";
import { listTenantStripeEvents } from "@mw/core/billing";
import { schema } from "@mw/core/db";
import { isId } from "@mw/core/ids";
import { LocalTime } from "@mw/core/ui/local-time";
import { Badge, type BadgeTone } from "@mw/ui/badge";
import { Breadcrumbs } from "@mw/ui/breadcrumbs";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@mw/ui/card";
import { EmptyState } from "@mw/ui/empty-state";
import { PageHeader } from "@mw/ui/page-header";
import { Table, TBody, TD, TH, THead, TR } from "@mw/ui/table";
import { eq } from "drizzle-orm";
import { Webhook } from "lucide-react";
import { notFound } from "next/navigation";
import { AutoRefresh } from "../../../../../../../components/auto-refresh";
import { ReplayEventButton } from "../../../../../../../components/stripe-event-replay";
import { controlDb } from "../../../../../../../lib/db";
import { requireStaff, staffCtx } from "../../../../../../../lib/staff-session";

export const metadata = { title: "Billing events" };

const STATUS: Record<string, { label: string; tone: BadgeTone }> = {
  pending: { label: "Waiting", tone: "warning" },
  processed: { label: "Processed", tone: "success" },
  ignored: { label: "Ignored", tone: "neutral" },
  failed: { label: "Failed", tone: "danger" },
};

export default async function BillingEventsPage({ params }: { params: Promise<{ tenantId: string }> }) {
  const { tenantId } = await params;
  const staff = await requireStaff(`/staff/tenants/${tenantId}/billing/events`);
  if (!isId("tenant", tenantId)) notFound();
  const [t] = await controlDb()
    .db.select({ id: schema.tenants.id, name: schema.tenants.name })
    .from(schema.tenants)
    .where(eq(schema.tenants.id, tenantId));
  if (!t) notFound();
  const events = await listTenantStripeEvents({ ctx: await staffCtx(), input: { tenantId, limit: 200 } });
  const canReplay = staffCan(staff.ability, "platform.billing.manage");
  const waiting = events.some((e) => e.status === "pending");
  return (
    <>
      <Breadcrumbs
        items={[
          { label: "Tenants", href: "/staff" },
          { label: t.name, href: `/staff/tenants/${t.id}` },
          { label: "Billing", href: `/staff/tenants/${t.id}/billing` },
          { label: "Events" },
        ]}
      />
      <PageHeader
        title="Billing events"
        description="Every Stripe webhook event about this tenant, newest first, with what processing did. Processing fetches the current state from Stripe, so the order events arrived in does not matter."
      />
      <AutoRefresh active={waiting} ms={2000} />
      <Card>
        <CardHeader>
          <CardTitle>Webhook inbox</CardTitle>
          <CardDescription>
            {events.length === 200
              ? "The 200 most recent events."
              : `${events.length} event${events.length === 1 ? "" : "s"}.`}
            {canReplay ? " Replay processes an event again against Stripe's current state." : ""}
          </CardDescription>
        </CardHeader>
        <CardContent>
          {events.length === 0 ? (
            <EmptyState
              icon={Webhook}
              title="No events yet"
              description="Stripe's events appear here once they are matched to this tenant's customer."
            />
          ) : (
            <Table label="Billing events">
              <THead>
                <TR>
                  <TH>Event</TH>
                  <TH>Received</TH>
                  <TH>Status</TH>
                  <TH>Result</TH>
                  <TH className="text-right">Attempts</TH>
                  {canReplay ? (
                    <TH>
                      <span className="sr-only">Actions</span>
                    </TH>
                  ) : null}
                </TR>
              </THead>
              <TBody>
                {events.map((e) => {
                  const status = STATUS[e.status] ?? { label: e.status, tone: "neutral" as const };
                  return (
                    <TR key={e.id}>
                      <TD>
                        <div className="font-medium">{e.type}</div>
                        <div className="font-mono text-muted-foreground text-xs">{e.id}</div>
                      </TD>
                      <TD className="whitespace-nowrap">
                        <LocalTime date={e.receivedAt} />
                      </TD>
                      <TD>
                        <Badge tone={status.tone}>{status.label}</Badge>
                      </TD>
                      <TD className="min-w-56 max-w-md">
                        <div className="break-words">{e.result ?? "—"}</div>
                        {e.lastError ? <div className="mt-1 break-words text-danger text-xs">{e.lastError}</div> : null}
                      </TD>
                      <TD className="text-right tabular-nums">{e.attempts}</TD>
                      {canReplay ? (
                        <TD>
                          {/* Kept mounted while the replay waits, so its toast is not lost with it. */}
                          <ReplayEventButton
                            tenantId={t.id}
                            eventId={e.id}
                            type={e.type}
                            disabled={e.status === "pending"}
                          />
                        </TD>
                      ) : null}
                    </TR>
                  );
                })}
              </TBody>
            </Table>
          )}
        </CardContent>
      </Card>
    </>
  );
}
