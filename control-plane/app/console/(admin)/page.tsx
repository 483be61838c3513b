import { PLANS, type PlanId } from "@mw/core/plans";
import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { OrganizationNameForm } from "../../../components/console/organization-name-form";
import { permissionFlags, requireConsoleAdmin } from "../../../lib/console/access";
import { overview } from "../../../lib/console/queries";
import { siteOrigin } from "../../../lib/console/site";

export const metadata: Metadata = { title: "Overview" };

export default async function ConsoleOverviewPage() {
  const c = await requireConsoleAdmin("/console");
  const o = await overview(c.tenant.id);
  const can = permissionFlags(c.session.ability, [
    "tenant.update",
    "theme.read",
    "domain.read",
    "member.read",
    "member.invite",
    "role.read",
    "audit.read",
  ]);
  const site = siteOrigin(c.tenant.slug, o.primaryHost);
  const plan = PLANS[c.tenant.plan as PlanId]?.name ?? c.tenant.plan;
  return (
    <>
      <header className="ac-page-header">
        <div>
          <h1>{c.tenant.name}</h1>
          <p className="ac-muted">Your organization at a glance.</p>
        </div>
        <a className="ac-button" href={site} target="_blank" rel="noopener">
          View your site ↗
        </a>
      </header>

      <section className="ac-stats" aria-label="Summary">
        <Stat label="Plan" value={plan} testId="overview-plan" />
        <Stat label="Status" value={<span className={`ac-badge ${c.tenant.status}`}>{c.tenant.status}</span>} />
        <Stat label="Members" value={String(o.members)} testId="overview-members" />
        <Stat label="Pending invitations" value={String(o.pendingInvitations)} />
        <Stat
          label="Live theme"
          value={o.publishedThemeVersion ? `Version ${o.publishedThemeVersion}` : "Not published"}
          hint={o.hasDraft ? "Unpublished draft" : undefined}
        />
        <Stat label="Site address" value={new URL(site).host} small />
      </section>

      <section className="ac-card">
        <h2>Quick links</h2>
        <ul className="ac-links">
          {can["theme.read"] ? (
            <li>
              <Link href="/console/theme">Edit your theme</Link> — colors, fonts, logo and e-mail branding.
            </li>
          ) : null}
          {can["domain.read"] ? (
            <li>
              <Link href="/console/domains">Connect a custom domain</Link> — serve your site on your own address.
            </li>
          ) : null}
          {can["member.invite"] ? (
            <li>
              <Link href="/console/members">Invite your team</Link> — add people and choose what they can do.
            </li>
          ) : can["member.read"] ? (
            <li>
              <Link href="/console/members">See members</Link>
            </li>
          ) : null}
          {can["role.read"] ? (
            <li>
              <Link href="/console/roles">Define custom roles</Link> — tailor permissions to your organization.
            </li>
          ) : null}
          {can["audit.read"] ? (
            <li>
              <Link href="/console/audit">Review the audit log</Link> — who changed what, and when.
            </li>
          ) : null}
        </ul>
      </section>

      {can["tenant.update"] ? (
        <section className="ac-card">
          <h2>Organization name</h2>
          <p className="ac-muted">Shown in your site&apos;s header, page titles and e-mails.</p>
          <OrganizationNameForm name={c.tenant.name} />
        </section>
      ) : null}
    </>
  );
}

function Stat({
  label,
  value,
  hint,
  testId,
  small,
}: {
  label: string;
  value: ReactNode;
  hint?: string;
  testId?: string;
  small?: boolean;
}) {
  return (
    <div className="ac-stat">
      <div className="ac-stat-label">{label}</div>
      <div className={small ? "ac-stat-value small" : "ac-stat-value"} data-testid={testId}>
        {value}
      </div>
      {hint ? <div className="ac-muted ac-small">{hint}</div> : null}
    </div>
  );
}
