import type { DomainRow } from "../db/schema/index";
import type { DnsRecord, DomainState } from "../ports/domains";
import { MISCONFIGURED_GRACE_MS, readDnsConfig, type StoredDnsConfig, storedRecords } from "./state";

export type LapseReason = "verification_lost" | "dns_misconfigured";

export type DomainEvent = { action: "domain.verify" } | { action: "domain.lapse"; reason: LapseReason };

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
 * - pending → verified as soon as the vendor has verified ownership (routing may still follow).
 * - verified → lapsed at once when the vendor no longer vouches for ownership, or when DNS has not
 *   routed to us for `graceMs` in a row (the clock starts at the first check that sees it).
 * - lapsed → verified only when ownership is verified *and* DNS routes to us again; otherwise a
 *   domain lapsed for its DNS would come back on the next check and lapse again a grace later.
 */
export function nextDomainState(
  row: Pick<DomainRow, "status" | "verifiedAt" | "lapsedAt" | "dnsConfig">,
  state: DomainState,
  now: Date,
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
    if (state.verified && (row.status === "pending" || !misconfigured)) {
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

  const lastError =
    state.verificationError?.code ??
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
