import { claimExpiresAt, ownershipRecord, readDnsConfig } from "@mw/core/domains";
import type { DnsRecord } from "@mw/core/ports/domains";
import type { DomainRow } from "@mw/core/schema";
import { LocalTime } from "@mw/core/ui/local-time";
import { ActionButton } from "../../../../components/console/action-button";
import { CopyButton } from "../../../../components/console/copy-button";
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
  return (
    <div className="ac-domain" data-testid="domain" data-hostname={d.hostname} data-status={d.status}>
      <div className="ac-spread">
        <div className="ac-row">
          <span className="ac-domain-host">{d.hostname}</span>
          <span className={`ac-badge ${d.status}`}>{d.status}</span>
          {d.isPrimary ? <span className="ac-badge primary">primary</span> : null}
          {!custom ? <span className="ac-tag">platform address</span> : null}
        </div>
        <div className="ac-row">
          {d.status === "verified" ? (
            <a className="ac-button ghost small" href={originOf(d.hostname)} target="_blank" rel="noopener">
              Open ↗
            </a>
          ) : null}
          {manage && custom ? (
            <ActionButton
              action={verifyDomainAction}
              fields={{ domainId: d.id }}
              label="Check now"
              pendingLabel="Checking…"
              variant="secondary"
            />
          ) : null}
          {manage && d.status === "verified" && !d.isPrimary ? (
            <ActionButton
              action={setPrimaryDomainAction}
              fields={{ domainId: d.id }}
              label="Make primary"
              pendingLabel="Saving…"
              variant="secondary"
            />
          ) : null}
          {manage && custom ? (
            <ActionButton
              action={removeDomainAction}
              fields={{ domainId: d.id }}
              label="Remove"
              pendingLabel="Removing…"
              variant="danger"
              confirm={`Remove ${d.hostname}? Visitors using it will no longer reach your site.`}
            />
          ) : null}
        </div>
      </div>
      {problem ? (
        <div className="mw-alert error" role="alert" data-testid="domain-problem">
          {problem}
        </div>
      ) : null}
      {custom && d.status === "verified" && dns?.misconfigured && !problem ? (
        <div className="mw-alert error" role="alert">
          DNS for {d.hostname} does not point to us; visitors may not reach your site.
        </div>
      ) : null}
      {custom && todo.length > 0 ? (
        <>
          <p className="ac-muted ac-small">Create these records at your DNS provider:</p>
          <table className="ac-dns" aria-label={`DNS records for ${d.hostname}`}>
            <thead>
              <tr>
                <th>Type</th>
                <th>Name</th>
                <th>Value</th>
                <th>Purpose</th>
              </tr>
            </thead>
            <tbody>
              {todo.map((r) => (
                <tr key={`${r.type}-${r.name}-${r.value}`} data-testid="dns-record" data-type={r.type}>
                  <td>{r.type}</td>
                  <td>
                    <span className="ac-copyable">
                      <code>{r.name}</code>
                      <CopyButton value={r.name} label={`${r.type} record name`} />
                    </span>
                  </td>
                  <td>
                    <span className="ac-copyable">
                      <code>{r.value}</code>
                      <CopyButton value={r.value} label={`${r.type} record value`} />
                    </span>
                  </td>
                  <td className="ac-muted">{r.purpose === "verification" ? "Proves ownership" : "Routes visitors"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {custom && d.status === "pending" ? (
        <p className="ac-muted ac-small" data-testid="claim-expiry">
          Until ownership is proven, this claim does not reserve the domain: another organization that proves ownership
          first gets it, and the claim is released on <LocalTime date={claimExpiresAt(d)} /> (
          <LocalTime date={claimExpiresAt(d)} relative />) if it is still unproven.
        </p>
      ) : null}
      <div className="ac-muted ac-small">
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
