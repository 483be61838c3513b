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
    ...timestamps(),
  },
  (t) => [
    // A host name serves at most one tenant at a time; removed rows keep history.
    uniqueIndex("domains_hostname_live_uq").on(t.hostname).where(sql`status <> 'removed'`),
    uniqueIndex("domains_primary_uq").on(t.tenantId).where(sql`is_primary`),
    index("domains_tenant_idx").on(t.tenantId, t.status),
  ],
);

export type DomainRow = typeof domains.$inferSelect;
