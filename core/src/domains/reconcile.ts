import { and, asc, eq, ne } from "drizzle-orm";
import type { AuditCtx } from "../audit/emit";
import { type Database, withPlatform, withTenant } from "../db/client";
import { type DomainRow, domains, tenants } from "../db/schema/index";
import { NotFoundError } from "../errors";
import { newId } from "../ids";
import type { TxtResolver } from "../ports/dns";
import { type DomainHosting, type DomainState, DomainTakenError } from "../ports/domains";
import { liveClaims } from "./availability";
import { recordDomainCheck } from "./check";
import { claimExpiresAt, claimTtlMs, releaseClaim } from "./release";
import { addIdempotencyKey, MISCONFIGURED_GRACE_MS, readDnsConfig, verifyAtVendor } from "./state";

export interface ReconcileSummary {
  tenants: number;
  /** Domains checked at the vendor and recorded. */
  checked: number;
  verified: { domainId: string; tenantId: string; hostname: string }[];
  lapsed: { domainId: string; tenantId: string; hostname: string; reason: string }[];
  /** Pending claims released because nobody proved DNS control within the claim TTL. */
  expired: { domainId: string; tenantId: string; hostname: string }[];
  /** Domains that could not be checked this time (vendor down, …): left as they were. */
  failed: { domainId: string; tenantId: string; hostname: string; error: string }[];
}

export interface ReconcileOptions {
  /** The control plane's database (reads `tenants`, writes each tenant's domains under RLS). */
  database: Database;
  hosting: DomainHosting;
  /** Public DNS, for the tenants' ownership records. */
  dns: TxtResolver;
  /** The time of this run (tests move it; the grace period is measured against it). */
  now?: Date;
  /** How long a verified domain's DNS may point elsewhere before it lapses. */
  graceMs?: number;
  /** Tenants checked at the same time; domains of one tenant are checked one after another. */
  concurrency?: number;
  /** How long a pending claim lasts unproven (default `DOMAIN_CLAIM_TTL_DAYS`). */
  claimTtlMs?: number;
}

type LiveDomain = Pick<
  DomainRow,
  "id" | "hostname" | "status" | "dnsConfig" | "verification" | "ownershipToken" | "createdAt"
>;

/**
 * The periodic domain check (a provisioning-worker job), acting as the system: every live custom
 * domain of every tenant is checked at the vendor. Pending and lapsed domains are offered for
 * verification (→ `domain.verify` once they pass); verified ones are re-read and lapse when
 * ownership is no longer verified or DNS has pointed elsewhere past the grace period
 * (→ `domain.lapse`; `resolve_host()` serves verified domains only, so a lapsed one stops at once).
 * A pending claim whose owner has not proven DNS control within the claim TTL is released
 * (`domain.release`, reason `claim_expired`) and detached at the vendor unless another tenant
 * still claims the name. One domain failing to check does not stop the run; it is reported and
 * left as it was.
 */
export async function reconcileDomains(options: ReconcileOptions): Promise<ReconcileSummary> {
  const { database, hosting } = options;
  const now = options.now ?? new Date();
  const graceMs = options.graceMs ?? MISCONFIGURED_GRACE_MS;
  const ttlMs = options.claimTtlMs ?? claimTtlMs();
  const audit: AuditCtx = { actor: { type: "system", process: "domains.reconcile" }, requestId: newId("request") };
  const summary: ReconcileSummary = { tenants: 0, checked: 0, verified: [], lapsed: [], expired: [], failed: [] };

  const tenantIds = await withPlatform(database, (tx) =>
    tx.select({ id: tenants.id }).from(tenants).where(ne(tenants.status, "deleted")).orderBy(asc(tenants.id)),
  );
  summary.tenants = tenantIds.length;

  async function reconcileTenant(tenantId: string): Promise<void> {
    const live = await withTenant(database, tenantId, (tx) =>
      tx
        .select({
          id: domains.id,
          hostname: domains.hostname,
          status: domains.status,
          dnsConfig: domains.dnsConfig,
          verification: domains.verification,
          ownershipToken: domains.ownershipToken,
          createdAt: domains.createdAt,
        })
        .from(domains)
        .where(and(eq(domains.tenantId, tenantId), eq(domains.kind, "custom"), ne(domains.status, "removed")))
        .orderBy(asc(domains.createdAt)),
    );
    for (const domain of live) {
      const ref = { domainId: domain.id, tenantId, hostname: domain.hostname };
      try {
        const state = await checkAtVendor(hosting, tenantId, domain);
        const { domain: after, event } = await recordDomainCheck({
          database,
          tenantId,
          audit,
          domain,
          state,
          dns: options.dns,
          now,
          graceMs,
        });
        summary.checked += 1;
        if (event?.action === "domain.verify") summary.verified.push(ref);
        if (event?.action === "domain.lapse") summary.lapsed.push({ ...ref, reason: event.reason });
        if (after.status === "pending" && now >= claimExpiresAt(domain, ttlMs)) {
          if (await expireClaim(options, audit, tenantId, domain, now)) summary.expired.push(ref);
        }
      } catch (err) {
        // Released meanwhile (another tenant proved the name): nothing left to check.
        if (err instanceof NotFoundError) continue;
        summary.failed.push({ ...ref, error: err instanceof Error ? err.message : String(err) });
      }
    }
  }

  await forEachLimited(
    tenantIds.map((t) => t.id),
    Math.max(1, options.concurrency ?? 4),
    reconcileTenant,
  );
  return summary;
}

/** Release an expired claim, then detach the name at the vendor if no other tenant claims it. */
async function expireClaim(
  options: ReconcileOptions,
  audit: AuditCtx,
  tenantId: string,
  domain: LiveDomain,
  now: Date,
): Promise<boolean> {
  const released = await releaseClaim(options.database, audit, { tenantId, domainId: domain.id }, "claim_expired", now);
  if (!released) return false;
  const others = await withPlatform(options.database, (tx) => liveClaims(tx, domain.hostname));
  if (others.length === 0) await options.hosting.remove(domain.hostname);
  return true;
}

/**
 * A verified domain is re-read (no need to ask the vendor to verify what it already vouches for)
 * and only offered for verification when the vendor no longer vouches for it. A domain the vendor
 * lost is added back; if someone else holds it now, the domain is recorded as not verified.
 */
async function checkAtVendor(hosting: DomainHosting, tenantId: string, domain: LiveDomain): Promise<DomainState> {
  try {
    if (domain.status === "verified") {
      const current =
        (await hosting.get(domain.hostname)) ??
        (await hosting.add(domain.hostname, { idempotencyKey: addIdempotencyKey(tenantId, domain.hostname) }));
      if (current.verified) return current;
    }
    return await verifyAtVendor(hosting, tenantId, domain.hostname);
  } catch (err) {
    if (!(err instanceof DomainTakenError)) throw err;
    const dns = readDnsConfig(domain.dnsConfig);
    return {
      hostname: domain.hostname,
      verified: false,
      verification: [],
      misconfigured: dns?.misconfigured ?? true,
      recommended: dns?.recommended ?? [],
      configuredBy: dns?.configuredBy ?? null,
      verificationError: { code: "domain_already_in_use", message: err.message },
    };
  }
}

async function forEachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
