import { sql } from "drizzle-orm";
import { boolean, index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { tenantIdColumn, timestamps } from "./columns";
import { tenants } from "./tenants";

export const domainKind = pgEnum("domain_kind", ["platform", "custom"]);
export const domainStatus = pgEnum("domain_status", ["pending", "verified", "lapsed", "removed"]);

export const domains = pgTable(
  "domains",
  {
    id: text("id").primaryKey(),
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: "cascade" }),
    /** Normalized: lower-case, ASCII (punycode), no port, no trailing dot. */
    hostname: text("hostname").notNull(),
    kind: domainKind("kind").notNull(),
    status: domainStatus("status").notNull().default("pending"),
    isPrimary: boolean("is_primary").notNull().default(false),
    verifiedAt: timestamp("verified_at", { withTimezone: true }),
    /** DNS records the customer must create, as the domain vendor reported them (TXT/CNAME/A). */
    verification: jsonb("verification").notNull().default([]),
    /** Vendor's view of the DNS configuration (`misconfigured`, recommended CNAME / IPv4). */
    dnsConfig: jsonb("dns_config"),
    lastCheckedAt: timestamp("last_checked_at", { withTimezone: true }),
    lapsedAt: timestamp("lapsed_at", { withTimezone: true }),
    /** Last problem seen (e.g. "domain_already_in_use"), for the admin console. */
    lastError: text("last_error"),
    /**
     * This tenant's claim token: the customer proves control of the domain's DNS with the TXT
     * record `_musicalwheel.<hostname>` = `musicalwheel-verify=<token>` (custom domains only).
     */
    ownershipToken: text("ownership_token"),
    /** When the platform released this claim (status `removed`), and why; null for a removal by the tenant. */
    releasedAt: timestamp("released_at", { withTimezone: true }),
    releaseReason: text("release_reason").$type<"claim_expired" | "ownership_proven_elsewhere">(),
    ...timestamps(),
  },
  (t) => [
    // A host name serves at most one tenant at a time. Unverified claims do not hold it: several
    // tenants may claim a name, and the first to prove DNS control gets it (ADR 0007).
    uniqueIndex("domains_hostname_verified_uq").on(t.hostname).where(sql`status = 'verified'`),
    uniqueIndex("domains_tenant_hostname_live_uq").on(t.tenantId, t.hostname).where(sql`status <> 'removed'`),
    index("domains_hostname_live_idx").on(t.hostname).where(sql`status <> 'removed'`),
    uniqueIndex("domains_primary_uq").on(t.tenantId).where(sql`is_primary`),
    index("domains_tenant_idx").on(t.tenantId, t.status),
  ],
);

export type DomainRow = typeof domains.$inferSelect;
