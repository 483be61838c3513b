import { can } from "@mw/core/authz";
import { claimTtlMs, listReleasedClaims } from "@mw/core/domains";
import { featureAvailability, limitFor } from "@mw/core/product";
import { LocalTime } from "@mw/core/ui/local-time";
import { listDomains } from "@mw/core/verbs";
import type { Metadata } from "next";
import { AddDomainForm } from "../../../../components/console/add-domain-form";
import { NoAccess } from "../../../../components/console/no-access";
import { requireConsoleAdmin } from "../../../../lib/console/access";
import { domainHosting } from "../../../../lib/console/hosting";
import { consoleCtx } from "../../../../lib/console-session";
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
  const feature = featureAvailability(tenant, "custom_domains");
  const custom = domains.filter((d) => d.kind === "custom");
  const max = limitFor(tenant, "customDomains");
  const atLimit = max !== null && custom.length >= max;
  const configured = domainHosting() !== null;

  return (
    <>
      <header className="ac-page-header">
        <div>
          <h1>Domains</h1>
          <p className="ac-muted">
            Serve your site on your own domain. Your platform address keeps working either way.
          </p>
        </div>
      </header>

      {manage ? (
        <section className="ac-card">
          <h2>Add a custom domain</h2>
          {!feature.available ? (
            <div className="ac-upgrade" data-testid="domains-upgrade">
              {feature.adminMessage}
            </div>
          ) : !configured ? (
            <p className="ac-muted">
              Custom domains are not set up on this platform yet. Contact MusicalWheel support.
            </p>
          ) : atLimit ? (
            <p className="ac-muted">
              Your plan includes {max} custom domain{max === 1 ? "" : "s"}, and{" "}
              {custom.length === 1 ? "it is" : "all are"} in use. Remove one or upgrade in Billing to add another.
            </p>
          ) : (
            <>
              <p className="ac-muted">
                Use a subdomain such as <code>music.example.com</code> (a CNAME record) or an apex domain such as{" "}
                <code>example.com</code> (an A record).
                {max !== null ? ` ${custom.length} of ${max} in use.` : ""}
              </p>
              <AddDomainForm />
            </>
          )}
        </section>
      ) : null}

      {released.map((r) => (
        <div key={r.id} className="mw-alert error" role="alert" data-testid="released-claim" data-hostname={r.hostname}>
          Your claim on {r.hostname} was released on <LocalTime date={r.releasedAt ?? r.updatedAt} />
          {r.releaseReason === "ownership_proven_elsewhere"
            ? `: another organization proved that it controls the domain's DNS with its own TXT record, so the domain is theirs now. If ${r.hostname} is yours, add it again and create its TXT record.`
            : ` because ownership was not proven within ${ttlDays} days. Add it again to start over.`}
        </div>
      ))}

      <section className="ac-card">
        <h2>Your domains</h2>
        {domains.length === 0 ? (
          <p className="ac-empty">No domains yet. Your site is being set up.</p>
        ) : (
          domains.map((d) => <DomainCard key={d.id} domain={d} manage={manage} />)
        )}
      </section>
    </>
  );
}
