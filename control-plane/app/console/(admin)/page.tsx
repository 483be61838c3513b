import { PLANS, type PlanId } from "@mw/core/plans";
import { Badge } from "@mw/ui/badge";
import { Button } from "@mw/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@mw/ui/card";
import { PageHeader } from "@mw/ui/page-header";
import { CreditCard, ExternalLink, Globe, Palette, ScrollText, Shield, Users } from "lucide-react";
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
    "billing.read",
    "invitation.read",
  ]);
  const site = siteOrigin(c.tenant.slug, o.primaryHost);
  const plan = PLANS[c.tenant.plan as PlanId]?.name ?? c.tenant.plan;
  const links = [
    can["theme.read"] && {
      href: "/console/theme",
      label: "Edit your theme",
      text: "Colors, fonts, logo and e-mail branding.",
      icon: Palette,
    },
    can["domain.read"] && {
      href: "/console/domains",
      label: "Connect a custom domain",
      text: "Serve your site on your own address.",
      icon: Globe,
    },
    can["member.invite"]
      ? {
          href: "/console/members",
          label: "Invite your team",
          text: "Add people and choose what they can do.",
          icon: Users,
        }
      : can["member.read"] && { href: "/console/members", label: "See members", text: "", icon: Users },
    can["role.read"] && {
      href: "/console/roles",
      label: "Define custom roles",
      text: "Tailor permissions to your organization.",
      icon: Shield,
    },
    can["audit.read"] && {
      href: "/console/audit",
      label: "Review the audit log",
      text: "Who changed what, and when.",
      icon: ScrollText,
    },
    can["billing.read"] && {
      href: "/console/billing",
      label: "Billing",
      text: "Plan, add-ons, invoices and payment method.",
      icon: CreditCard,
    },
  ].filter((l) => l !== false);
  return (
    <>
      <PageHeader
        title={c.tenant.name}
        description="Your organization at a glance."
        actions={
          <Button asChild variant="outline">
            <a href={site} target="_blank" rel="noopener">
              View your site
              <ExternalLink aria-hidden />
            </a>
          </Button>
        }
      />
      <div className="grid gap-6">
        <section aria-label="Summary" className="grid grid-cols-2 gap-3 md:grid-cols-3">
          <Stat label="Plan" value={plan} testId="overview-plan" />
          <Stat
            label="Status"
            value={
              <Badge tone={c.tenant.status === "active" ? "success" : "danger"} className="capitalize">
                {c.tenant.status}
              </Badge>
            }
          />
          <Stat label="Members" value={String(o.members)} testId="overview-members" />
          {/* Only what the viewer's roles read: a billing manager is not shown invitations or the theme. */}
          {can["invitation.read"] ? <Stat label="Pending invitations" value={String(o.pendingInvitations)} /> : null}
          {can["theme.read"] ? (
            <Stat
              label="Live theme"
              value={o.publishedThemeVersion ? `Version ${o.publishedThemeVersion}` : "Not published"}
              hint={o.hasDraft ? "Unpublished draft" : undefined}
            />
          ) : null}
          <Stat label="Site address" value={new URL(site).host} small />
        </section>

        <Card>
          <CardHeader>
            <CardTitle>Quick links</CardTitle>
          </CardHeader>
          <CardContent>
            <ul className="grid gap-1 sm:grid-cols-2">
              {links.map((l) => (
                <li key={l.label}>
                  <Link
                    href={l.href}
                    className="flex items-start gap-3 rounded-md p-2.5 transition-colors hover:bg-muted"
                  >
                    <l.icon aria-hidden className="mt-0.5 size-4 shrink-0 text-primary" />
                    <span className="min-w-0">
                      <span className="block font-medium text-sm">{l.label}</span>
                      {l.text ? <span className="block text-muted-foreground text-sm">{l.text}</span> : null}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>

        {can["tenant.update"] ? (
          <Card>
            <CardHeader>
              <div>
                <CardTitle>Organization name</CardTitle>
                <CardDescription>Shown in your site&apos;s header, page titles and e-mails.</CardDescription>
              </div>
            </CardHeader>
            <CardContent>
              <OrganizationNameForm name={c.tenant.name} />
            </CardContent>
          </Card>
        ) : null}
      </div>
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
  hint?: string | undefined;
  testId?: string;
  small?: boolean;
}) {
  return (
    <div className="min-w-0 rounded-lg border border-border/35 bg-surface p-4">
      <div className="text-muted-foreground text-xs">{label}</div>
      <div
        className={small ? "mt-1 break-all font-medium font-mono text-sm" : "mt-1 font-heading font-semibold text-xl"}
        data-testid={testId}
      >
        {value}
      </div>
      {hint ? <div className="mt-1 text-muted-foreground text-xs">{hint}</div> : null}
    </div>
  );
}
