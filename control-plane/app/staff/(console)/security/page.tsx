import { staffCan } from "@mw/core/authz";
import { listSecurityEvents } from "@mw/core/rate-limit";
import { LocalTime } from "@mw/core/ui/local-time";
import { Badge } from "@mw/ui/badge";
import { EmptyState } from "@mw/ui/empty-state";
import { PageHeader } from "@mw/ui/page-header";
import { Table, TBody, TD, TH, THead, TR } from "@mw/ui/table";
import { ShieldCheck } from "lucide-react";
import Link from "next/link";
import { UnlockForm } from "../../../../components/staff-forms";
import { staffCtx } from "../../../../lib/staff-session";
import { tenantNames } from "../../../../lib/tenant-names";

export const metadata = { title: "Security events" };

const PATHS: Record<string, string> = {
  "tenant.password": "Tenant sign-in (site or admin console)",
  "staff.password": "Staff sign-in",
  "tenant.token": "Sign-in link / invitation",
  "tenant.magic_link": "Sign-in link requests",
  "tenant.sign_up": "Sign-up",
};

/** Sign-in locks across the platform, newest first; staff who may lift them get a button. */
export default async function SecurityEventsPage() {
  const ctx = await staffCtx();
  const events = await listSecurityEvents({ ctx, input: { limit: 200 } });
  const mayUnlock = staffCan(ctx.ability, "platform.security.unlock");
  const names = await tenantNames(events.map((e) => e.tenantId));
  return (
    <>
      <PageHeader
        title="Security events"
        description="Sign-in locks after repeated failures (per account and per client address) and their lifting. Tenant locks are also in the tenant's audit log."
      />
      {events.length === 0 ? (
        <EmptyState icon={ShieldCheck} title="No security events" description="No sign-in has been locked." />
      ) : (
        <Table label="Security events">
          <THead>
            <TR>
              <TH>When</TH>
              <TH>Event</TH>
              <TH>Where</TH>
              <TH>Who</TH>
              <TH>Tenant</TH>
              <TH>Locked until</TH>
              <TH>
                <span className="sr-only">Actions</span>
              </TH>
            </TR>
          </THead>
          <TBody>
            {events.map((e) => (
              <TR key={e.id} data-testid="security-event">
                <TD className="whitespace-nowrap text-muted-foreground">
                  <LocalTime date={e.occurredAt} relative />
                </TD>
                <TD>
                  {e.kind === "auth.lock" ? `Locked after ${e.attempts ?? "?"} attempts` : "Unlocked by staff"}
                  {e.active ? (
                    <Badge tone="warning" className="ml-2">
                      active
                    </Badge>
                  ) : null}
                </TD>
                <TD>{PATHS[e.path] ?? e.path}</TD>
                <TD>
                  {e.scope === "account" ? "account " : "address "}
                  <code className="font-mono text-xs [overflow-wrap:anywhere]">{e.subject}</code>
                  {e.ip && e.scope === "account" ? <span className="text-muted-foreground"> from {e.ip}</span> : null}
                </TD>
                <TD>
                  {e.tenantId ? (
                    <Link className="hover:underline" href={`/staff/tenants/${e.tenantId}`}>
                      {names.get(e.tenantId) ?? e.tenantId}
                    </Link>
                  ) : (
                    "—"
                  )}
                </TD>
                <TD className="whitespace-nowrap text-muted-foreground">
                  {e.lockedUntil ? <LocalTime date={e.lockedUntil} relative /> : "—"}
                </TD>
                <TD>{e.active && mayUnlock ? <UnlockForm eventId={e.id} subject={e.subject} /> : null}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </>
  );
}
