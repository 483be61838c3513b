import { can } from "@mw/core/authz";
import { claimTtlMs, listReleasedClaims } from "@mw/core/domains";
import { featureAvailability, limitFor } from "@mw/core/product";
import { LocalTime } from "@mw/core/ui/local-time";
import { formatNumber } from "@mw/core/ui/numbers";
import { listDomains } from "@mw/core/verbs";
import { Alert } from "@mw/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@mw/ui/card";
import { EmptyState } from "@mw/ui/empty-state";
import { PageHeader } from "@mw/ui/page-header";
import { Globe } from "lucide-react";
import type { Metadata } from "next";
import { AddDomainForm } from "../../../../components/console/add-domain-form";
import { NoAccess } from "../../../../components/console/no-access";
import { requireConsoleAdmin } from "../../../../lib/console/access";
import { domainHosting } from "../../../../lib/console/hosting";
import { consoleCtx } from "../../../../lib/console-session";
import { viewerLocale } from "../../../../lib/locale";
import { DomainCard } from "./domain-card";

export const metadata: Metadata = { title: "Domains" };

export default async function DomainsPage() {
  const c = await requireConsoleAdmin("/console/domains");
  if (!can(c.session.ability, "domain.read")) return <NoAccess what="domains" permission="domain.read" />;
  const ctx = await consoleCtx();
  const [domains, released] = await Promise.all([listDomains({ ctx }), listReleasedClaims({ ctx })]);
  const ttlDays = Math.round(claimTtlMs() / 86_400_000);
  const manage = can(c.session.ability, "domain.manage");
  const tenant = { plan: c.tenant.plan, status: c.tenant.status, entitlements: c.entitlements };
  const signals = { dunning: c.dunning.state };
  const feature = featureAvailability(tenant, "custom_domains", signals);
  const custom = domains.filter((d) => d.kind === "custom");
  const max = limitFor(tenant, "customDomains", signals);
  const atLimit = max !== null && custom.length >= max;
  const locale = await viewerLocale();
  const configured = domainHosting() !== null;

  return (
    <>
      <PageHeader
        title="Domains"
        description="Serve your site on your own domain. Your platform address keeps working either way."
      />
      <div className="grid gap-6">
        {released.map((r) => (
          <Alert key={r.id} tone="danger" data-testid="released-claim" data-hostname={r.hostname}>
            Your claim on {r.hostname} was released on <LocalTime date={r.releasedAt ?? r.updatedAt} />
            {r.releaseReason === "ownership_proven_elsewhere"
              ? `: another organization proved that it controls the domain's DNS with its own TXT record, so the domain is theirs now. If ${r.hostname} is yours, add it again and create its TXT record.`
              : ` because ownership was not proven within ${ttlDays} days. Add it again to start over.`}
          </Alert>
        ))}

        {manage ? (
          <Card>
            <CardHeader>
              <div>
                <CardTitle>Add a custom domain</CardTitle>
                {feature.available && configured && !atLimit ? (
                  <CardDescription>
                    Use a subdomain such as <code className="font-mono">music.example.com</code> (a CNAME record) or an
                    apex domain such as <code className="font-mono">example.com</code> (an A record).
                    {max !== null
                      ? ` ${formatNumber(custom.length, locale)} of ${formatNumber(max, locale)} in use.`
                      : ""}
                  </CardDescription>
                ) : null}
              </div>
            </CardHeader>
            <CardContent>
              {!feature.available ? (
                <Alert tone="info" data-testid="domains-upgrade">
                  {feature.adminMessage}
                </Alert>
              ) : !configured ? (
                <p className="text-muted-foreground text-sm">
                  Custom domains are not set up on this platform yet. Contact MusicalWheel support.
                </p>
              ) : atLimit ? (
                <p className="text-muted-foreground text-sm">
                  Your plan includes {max} custom domain{max === 1 ? "" : "s"}, and{" "}
                  {custom.length === 1 ? "it is" : "all are"} in use. Remove one or upgrade in Billing to add another.
                </p>
              ) : (
                <AddDomainForm />
              )}
            </CardContent>
          </Card>
        ) : null}

        <Card>
          <CardHeader>
            <CardTitle>Your domains</CardTitle>
          </CardHeader>
          <CardContent>
            {domains.length === 0 ? (
              <EmptyState icon={Globe} title="No domains yet" description="Your site is being set up." />
            ) : (
              domains.map((d) => <DomainCard key={d.id} domain={d} manage={manage} />)
            )}
          </CardContent>
        </Card>
      </div>
    </>
  );
}
