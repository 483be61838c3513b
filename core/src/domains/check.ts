import type { AuditCtx } from "../audit/emit";
import { emitAudit } from "../audit/emit";
import { type Database, withTenant } from "../db/client";
import { pgErrorCode, UNIQUE_VIOLATION } from "../db/errors";
import type { DomainRow } from "../db/schema/index";
import { ConflictError } from "../errors";
import type { TxtResolver } from "../ports/dns";
import type { DomainState } from "../ports/domains";
import { applyVendorState } from "./apply";
import { type HostnameClaim, liveClaims, rivalClaims } from "./availability";
import { hasOwnershipProof } from "./ownership";
import { releaseClaim } from "./release";
import type { DomainEvent, OwnershipCheck } from "./transition";

export interface CheckOutcome {
  domain: DomainRow;
  event: DomainEvent | null;
  /** Other tenants' unverified claims released because this one was verified. */
  released: number;
}

/** Releases done on behalf of the platform: the winner's user never appears in the loser's log. */
const CLAIMS_ACTOR = { type: "system", process: "domains.claims" } as const;

/**
 * Record one check of a custom domain: the vendor's answer (`state`) plus, for a domain not yet
 * verified, whether the tenant's own ownership record is in DNS. A domain becomes verified only
 * with both, and only while no other tenant has the name verified. Verifying takes the name:
 * every other tenant's unverified claim on it is released (audited in their chains as the system,
 * and in ours as `domain.take_over`). The release runs after our commit, claim by claim, and is
 * idempotent, so a crash in between leaves a stale claim that the next check of it releases.
 */
export async function recordDomainCheck(opts: {
  database: Database;
  tenantId: string;
  audit: AuditCtx;
  domain: Pick<DomainRow, "id" | "hostname" | "status" | "ownershipToken">;
  state: DomainState;
  dns: TxtResolver;
  now: Date;
  graceMs?: number;
}): Promise<CheckOutcome> {
  const { database, tenantId, audit, domain, now } = opts;
  const needsProof = domain.status !== "verified";
  const proven = needsProof && (await hasOwnershipProof(opts.dns, domain.hostname, domain.ownershipToken));

  let rivals: HostnameClaim[] = [];
  let applied: { domain: DomainRow; event: DomainEvent | null };
  try {
    applied = await withTenant(database, tenantId, async (tx) => {
      const claims = await liveClaims(tx, domain.hostname);
      const otherVerified = claims.some((c) => c.tenantId !== tenantId && c.status === "verified");
      const ownership: OwnershipCheck = !needsProof
        ? "not_checked"
        : otherVerified
          ? "verified_elsewhere"
          : proven
            ? "proven"
            : "missing";
      const result = await applyVendorState(tx, audit, domain.id, opts.state, {
        now,
        ownership,
        ...(opts.graceMs === undefined ? {} : { graceMs: opts.graceMs }),
      });
      if (result.event?.action === "domain.verify") {
        rivals = rivalClaims(claims, tenantId);
        if (rivals.length > 0) {
          await emitAudit(tx, audit, {
            action: "domain.take_over",
            target: { type: "domain", id: domain.id },
            after: { hostname: domain.hostname, releasedClaims: rivals.length },
          });
        }
      }
      return result;
    });
  } catch (err) {
    // Two tenants proved the same name at the same moment: the verified-name index let one through.
    if (pgErrorCode(err) === UNIQUE_VIOLATION) {
      throw new ConflictError(`${domain.hostname} has just been verified by another organization.`);
    }
    throw err;
  }

  const system: AuditCtx = { actor: CLAIMS_ACTOR, requestId: audit.requestId };
  let released = 0;
  for (const rival of rivals) {
    if (await releaseClaim(database, system, rival, "ownership_proven_elsewhere", now)) released += 1;
  }
  return { ...applied, released };
}
