import type { DomainRow } from "../db/schema/index";
import type { DnsRecord, DomainState } from "../ports/domains";
import { MISCONFIGURED_GRACE_MS, readDnsConfig, type StoredDnsConfig, storedRecords } from "./state";

export type LapseReason = "verification_lost" | "dns_misconfigured";

export type DomainEvent = { action: "domain.verify" } | { action: "domain.lapse"; reason: LapseReason };

/**
 * What we know of the tenant's own ownership proof (its TXT record, see `ownership.ts`):
 * `proven` — the record is there; `missing` — it is not; `verified_elsewhere` — another tenant
 * has the name verified, so this claim cannot be; `not_checked` — not looked up (a domain that is
 * verified already keeps serving on the vendor's word; it is only looked up to become verified).
 */
export type OwnershipCheck = "proven" | "missing" | "verified_elsewhere" | "not_checked";

export interface DomainTransition {
  status: DomainRow["status"];
  verifiedAt: Date | null;
  lapsedAt: Date | null;
  verification: DnsRecord[];
  dnsConfig: StoredDnsConfig;
  lastError: string | null;
  /** What to audit; null when the status stays as it was. */
  event: DomainEvent | null;
}

/**
 * Where a live custom domain goes after a check at the vendor. Pure: the rules in one place.
 *
 * - pending → verified as soon as the vendor has verified the domain *and* the tenant's own
 *   ownership record is in DNS (routing may still follow). The vendor's word alone is not enough:
 *   its challenge is shared by every tenant that claims the name.
 * - verified → lapsed at once when the vendor no longer vouches for ownership, or when DNS has not
 *   routed to us for `graceMs` in a row (the clock starts at the first check that sees it).
 * - lapsed → verified only when ownership is verified (both checks) *and* DNS routes to us again;
 *   otherwise a domain lapsed for its DNS would come back on the next check and lapse again a grace later.
 */
export function nextDomainState(
  row: Pick<DomainRow, "status" | "verifiedAt" | "lapsedAt" | "dnsConfig">,
  state: DomainState,
  now: Date,
  ownership: OwnershipCheck,
  graceMs: number = MISCONFIGURED_GRACE_MS,
): DomainTransition {
  const misconfigured = state.misconfigured;
  const previousSince = readDnsConfig(row.dnsConfig)?.misconfiguredSince ?? null;
  let status = row.status;
  let verifiedAt = row.verifiedAt;
  let lapsedAt = row.lapsedAt;
  let event: DomainEvent | null = null;
  // The grace clock runs only while the domain is serving.
  let since: string | null = null;

  if (row.status === "pending" || row.status === "lapsed") {
    if (state.verified && ownership === "proven" && (row.status === "pending" || !misconfigured)) {
      status = "verified";
      verifiedAt = now;
      lapsedAt = null;
      event = { action: "domain.verify" };
      since = misconfigured ? now.toISOString() : null;
    }
  } else if (row.status === "verified") {
    if (misconfigured) since = previousSince ?? now.toISOString();
    const misconfiguredTooLong = since !== null && now.getTime() - Date.parse(since) >= graceMs;
    if (!state.verified || misconfiguredTooLong) {
      status = "lapsed";
      lapsedAt = now;
      event = { action: "domain.lapse", reason: state.verified ? "dns_misconfigured" : "verification_lost" };
    }
  }

  const unproven = status !== "verified" && (ownership === "missing" || ownership === "verified_elsewhere");
  const lastError =
    (ownership === "verified_elsewhere" && status !== "verified" ? "verified_elsewhere" : null) ??
    state.verificationError?.code ??
    (unproven ? "missing_ownership_txt" : null) ??
    (event?.action === "domain.lapse" ? event.reason : null) ??
    (status !== "pending" && misconfigured ? "dns_misconfigured" : null);

  return {
    status,
    verifiedAt,
    lapsedAt,
    verification: storedRecords(state.verification),
    dnsConfig: {
      misconfigured,
      configuredBy: state.configuredBy ?? null,
      recommended: storedRecords(state.recommended),
      misconfiguredSince: since,
    },
    lastError,
    event,
  };
}
