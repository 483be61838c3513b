import { randomBytes } from "node:crypto";
import type { TxtResolver } from "../ports/dns";
import type { DnsRecord } from "../ports/domains";

/**
 * Ownership proof that is the tenant's own. The hosting vendor's verification cannot tell tenants
 * apart — all of them attach domains to one vendor project, so its TXT challenge is the same for
 * every tenant that claims a name (and Vercel may call a fresh domain verified with no challenge
 * at all). Each claim therefore carries a random token, and only the tenant whose token sits in
 * the domain's DNS has shown that it controls the domain.
 */
export const OWNERSHIP_RECORD_LABEL = "_musicalwheel";
const VALUE_PREFIX = "musicalwheel-verify=";

/** 128 random bits as lower-case hex: safe in any DNS provider's TXT field. */
export function newOwnershipToken(): string {
  return randomBytes(16).toString("hex");
}

export function ownershipRecordName(hostname: string): string {
  return `${OWNERSHIP_RECORD_LABEL}.${hostname}`;
}

/** The record the customer creates; shown with the vendor's records until the domain is verified. */
export function ownershipRecord(hostname: string, token: string): DnsRecord {
  return {
    type: "TXT",
    name: ownershipRecordName(hostname),
    value: `${VALUE_PREFIX}${token}`,
    purpose: "verification",
  };
}

/** Whether the domain's DNS holds this claim's token now (a lookup failure throws DnsLookupError). */
export async function hasOwnershipProof(dns: TxtResolver, hostname: string, token: string | null): Promise<boolean> {
  if (!token) return false;
  const values = await dns.resolveTxt(ownershipRecordName(hostname));
  return values.some((v) => v.trim() === `${VALUE_PREFIX}${token}`);
}
