import { staffCan } from "@mw/core/authz";
import { listSecurityEvents } from "@mw/core/rate-limit";
import { LocalTime } from "@mw/core/ui/local-time";
import Link from "next/link";
import { UnlockForm } from "../../../../components/staff-forms";
import { staffCtx } from "../../../../lib/staff-session";

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
  return (
    <>
      <h1>Security events</h1>
      <p className="cp-muted">
        Sign-in locks after repeated failures (per account and per client address) and their lifting. Tenant locks are
        also in the tenant&apos;s audit log.
      </p>
      <table className="cp-table" aria-label="Security events">
        <thead>
          <tr>
            <th>When</th>
            <th>Event</th>
            <th>Where</th>
            <th>Who</th>
            <th>Tenant</th>
            <th>Locked until</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id} data-testid="security-event">
              <td className="cp-muted">
                <LocalTime date={e.occurredAt} relative />
              </td>
              <td>
                {e.kind === "auth.lock" ? `Locked after ${e.attempts ?? "?"} attempts` : "Unlocked by staff"}
                {e.active ? <span className="cp-status suspended"> active</span> : null}
              </td>
              <td>{PATHS[e.path] ?? e.path}</td>
              <td>
                {e.scope === "account" ? "account " : "address "}
                <code>{e.subject}</code>
                {e.ip && e.scope === "account" ? <span className="cp-muted"> from {e.ip}</span> : null}
              </td>
              <td>{e.tenantId ? <Link href={`/staff/tenants/${e.tenantId}`}>{e.tenantId}</Link> : "—"}</td>
              <td className="cp-muted">{e.lockedUntil ? <LocalTime date={e.lockedUntil} relative /> : "—"}</td>
              <td>{e.active && mayUnlock ? <UnlockForm eventId={e.id} subject={e.subject} /> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {events.length === 0 ? <p className="cp-muted">No security events.</p> : null}
    </>
  );
}
