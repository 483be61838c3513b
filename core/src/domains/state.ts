import { z } from "zod";
import type { DnsRecord, DomainHosting, DomainState } from "../ports/domains";
import { DomainHostingError } from "../ports/domains";

/**
 * How long a verified domain may have DNS that does not route to us before it lapses. DNS changes
 * and provider hiccups are common and short; a domain that has pointed elsewhere for days has
 * been moved on purpose (or lost), and keeps serving nothing but our 404 until fixed.
 */
export const MISCONFIGURED_GRACE_MS = 72 * 60 * 60 * 1000;

const StoredRecord = z.object({
  type: z.enum(["TXT", "CNAME", "A"]),
  name: z.string(),
  value: z.string(),
  purpose: z.enum(["verification", "routing"]),
});

/** What `domains.dns_config` holds: the vendor's routing view plus since when it has been wrong. */
export const StoredDnsConfig = z.object({
  misconfigured: z.boolean(),
  configuredBy: z.string().nullable(),
  recommended: z.array(StoredRecord),
  /** First check that saw DNS not routing to us while the domain was serving (ISO time), or null. */
  misconfiguredSince: z.string().nullable(),
});
export type StoredDnsConfig = z.infer<typeof StoredDnsConfig>;

export function readDnsConfig(raw: unknown): StoredDnsConfig | null {
  const parsed = StoredDnsConfig.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** The key a tenant's add of a host name carries to the vendor: the same for every retry of it. */
export function addIdempotencyKey(tenantId: string, hostname: string): string {
  return `domain.add:${tenantId}:${hostname}`;
}

export function storedRecords(records: DnsRecord[]): DnsRecord[] {
  return records.map(({ type, name, value, purpose }) => ({ type, name, value, purpose }));
}

/**
 * Ask the vendor to verify; a domain the vendor lost (removed by hand in its dashboard, a half-done
 * removal) is added back first, since the row says the tenant still wants it.
 */
export async function verifyAtVendor(hosting: DomainHosting, tenantId: string, hostname: string): Promise<DomainState> {
  try {
    return await hosting.verify(hostname);
  } catch (err) {
    if (!(err instanceof DomainHostingError) || err.code !== "not_found") throw err;
    await hosting.add(hostname, { idempotencyKey: addIdempotencyKey(tenantId, hostname) });
    return hosting.verify(hostname);
  }
}
