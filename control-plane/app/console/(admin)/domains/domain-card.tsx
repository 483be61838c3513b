import { claimExpiresAt, ownershipRecord, readDnsConfig } from "@mw/core/domains";
import type { DnsRecord } from "@mw/core/ports/domains";
import type { DomainRow } from "@mw/core/schema";
import { LocalTime } from "@mw/core/ui/local-time";
import { Alert } from "@mw/ui/alert";
import { Badge } from "@mw/ui/badge";
import { Button } from "@mw/ui/button";
import { Table, TBody, TD, TH, THead, TR } from "@mw/ui/table";
import { ExternalLink } from "lucide-react";
import { ActionButton } from "../../../../components/console/action-button";
import { CopyButton } from "../../../../components/console/copy-button";
import { domainState } from "../../../../lib/console/domain-state";
import { domainProblem } from "../../../../lib/console/hosting";
import { originOf } from "../../../../lib/console/site";
import { removeDomainAction, setPrimaryDomainAction, verifyDomainAction } from "./actions";

function records(raw: unknown): DnsRecord[] {
  return Array.isArray(raw) ? (raw as DnsRecord[]) : [];
}

/** One domain: status, what is wrong, the DNS records still to create, and what can be done. */
export function DomainCard({ domain: d, manage }: { domain: DomainRow; manage: boolean }) {
  const dns = readDnsConfig(d.dnsConfig);
  const custom = d.kind === "custom";
  // Ownership records (ours first, then the vendor's) matter until verified; routing records until DNS points to us.
  const ownership = custom && d.ownershipToken ? [ownershipRecord(d.hostname, d.ownershipToken)] : [];
  const todo = [
    ...(d.status !== "verified" ? [...ownership, ...records(d.verification)] : []),
    ...(dns?.misconfigured || d.status !== "verified" ? (dns?.recommended ?? []) : []),
  ];
  const problem = custom ? domainProblem(d.lastError) : null;
  const state = domainState(d.status, custom ? d.lastError : null);
  return (
    <div
      className="grid gap-3 border-border/35 border-t py-4 first:border-t-0 first:pt-0 last:pb-0"
      data-testid="domain"
      data-hostname={d.hostname}
      data-status={d.status}
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="flex min-w-0 flex-wrap items-center gap-2">
          <span className="break-all font-medium font-mono text-sm">{d.hostname}</span>
          <Badge tone={state.tone}>{state.label}</Badge>
          {d.isPrimary ? <Badge tone="primary">Primary</Badge> : null}
          {!custom ? <Badge tone="outline">Platform address</Badge> : null}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {d.status === "verified" ? (
            <Button asChild variant="ghost" size="sm">
              <a href={originOf(d.hostname)} target="_blank" rel="noopener">
                Open
                <ExternalLink aria-hidden />
              </a>
            </Button>
          ) : null}
          {manage && custom ? (
            <ActionButton
              action={verifyDomainAction}
              fields={{ domainId: d.id }}
              label="Check now"
              pendingLabel="Checking…"
            />
          ) : null}
          {manage && d.status === "verified" && !d.isPrimary ? (
            <ActionButton
              action={setPrimaryDomainAction}
              fields={{ domainId: d.id }}
              label="Make primary"
              pendingLabel="Saving…"
            />
          ) : null}
          {manage && custom ? (
            <ActionButton
              action={removeDomainAction}
              fields={{ domainId: d.id }}
              label="Remove"
              pendingLabel="Removing…"
              variant="danger-outline"
              confirm={{
                title: `Remove ${d.hostname}?`,
                description: "Visitors using it will no longer reach your site.",
                confirmLabel: "Remove domain",
              }}
            />
          ) : null}
        </div>
      </div>
      {problem ? (
        <Alert tone={state.tone === "danger" ? "danger" : "info"} data-testid="domain-problem">
          {problem}
        </Alert>
      ) : null}
      {custom && d.status === "verified" && dns?.misconfigured && !problem ? (
        <Alert tone="danger">DNS for {d.hostname} does not point to us; visitors may not reach your site.</Alert>
      ) : null}
      {custom && todo.length > 0 ? (
        <>
          <p className="text-muted-foreground text-sm">Create these records at your DNS provider:</p>
          <Table label={`DNS records for ${d.hostname}`}>
            <THead>
              <TR>
                <TH>Type</TH>
                <TH>Name</TH>
                <TH>Value</TH>
                <TH>Purpose</TH>
              </TR>
            </THead>
            <TBody>
              {todo.map((r) => (
                <TR key={`${r.type}-${r.name}-${r.value}`} data-testid="dns-record" data-type={r.type}>
                  <TD className="font-mono">{r.type}</TD>
                  <TD>
                    <span className="inline-flex items-center gap-1">
                      <code className="break-all font-mono text-xs">{r.name}</code>
                      <CopyButton value={r.name} label={`${r.type} record name`} />
                    </span>
                  </TD>
                  <TD>
                    <span className="inline-flex items-center gap-1">
                      <code className="break-all font-mono text-xs">{r.value}</code>
                      <CopyButton value={r.value} label={`${r.type} record value`} />
                    </span>
                  </TD>
                  <TD className="text-muted-foreground">
                    {r.purpose === "verification" ? "Proves ownership" : "Routes visitors"}
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        </>
      ) : null}
      {custom && d.status === "pending" ? (
        <p className="text-muted-foreground text-sm" data-testid="claim-expiry">
          Until ownership is proven, this claim does not reserve the domain: another organization that proves ownership
          first gets it, and the claim is released on <LocalTime date={claimExpiresAt(d)} /> (
          <LocalTime date={claimExpiresAt(d)} relative />) if it is still unproven.
        </p>
      ) : null}
      <div className="text-muted-foreground text-xs">
        {d.verifiedAt ? (
          <>
            Verified <LocalTime date={d.verifiedAt} />
          </>
        ) : (
          "Not verified yet"
        )}
        {d.lastCheckedAt ? (
          <>
            {" "}
            · last checked <LocalTime date={d.lastCheckedAt} relative />
          </>
        ) : null}
      </div>
    </div>
  );
}
