import { bigint, customType, index, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { tenantIdColumn } from "./columns";
import { tenants } from "./tenants";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/**
 * Append-only, per-tenant keyed hash chain (docs/adr/0003): hash(n) = HMAC-SHA256(key, hash(n-1) ‖
 * canonical(event n)), written only by the security-definer function `mw_audit_append()`; the app
 * roles may only SELECT, and a trigger rejects UPDATE/DELETE/TRUNCATE for everyone.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: "restrict" }),
    seq: bigint("seq", { mode: "number" }).notNull(),
    id: text("id").notNull(),
    actorType: text("actor_type").notNull(),
    actorId: text("actor_id").notNull(),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
    ip: text("ip"),
    userAgent: text("user_agent"),
    requestId: text("request_id"),
    occurredAt: timestamp("occurred_at", { withTimezone: true, mode: "string", precision: 3 }).notNull(),
    hash: bytea("hash").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.seq] }),
    index("audit_events_time_idx").on(t.tenantId, t.occurredAt),
    index("audit_events_action_idx").on(t.tenantId, t.action),
    index("audit_events_target_idx").on(t.tenantId, t.targetType, t.targetId),
    index("audit_events_actor_idx").on(t.tenantId, t.actorType, t.actorId),
  ],
);

/** Head of each tenant's chain; the row lock on it serializes appends per tenant. */
export const auditChainHeads = pgTable("audit_chain_heads", {
  tenantId: tenantIdColumn()
    .primaryKey()
    .references(() => tenants.id, { onDelete: "restrict" }),
  seq: bigint("seq", { mode: "number" }).notNull(),
  hash: bytea("hash").notNull(),
  /**
   * First keyed event. Events before it were chained with plain SHA-256 before keying existed
   * (migration 0010 set it to head + 1 for chains that already had events); 1 for every new chain.
   */
  keyedFrom: bigint("keyed_from", { mode: "number" }).notNull().default(1),
});

/**
 * Where keyed verification got to: the chain up to `seq` (whose hash is `hash`) was verified with
 * the key at `verifiedAt`, so the next verification resumes after it. Written only by
 * `mw_audit_verify()`; the app roles may only read it.
 */
export const auditCheckpoints = pgTable(
  "audit_checkpoints",
  {
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: "restrict" }),
    seq: bigint("seq", { mode: "number" }).notNull(),
    hash: bytea("hash").notNull(),
    /** Last time a verification reached this checkpoint (a view with no new events refreshes it). */
    verifiedAt: timestamp("verified_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    /** Last time a full verification (from the first keyed event) reached it; null if none did. */
    fullVerifiedAt: timestamp("full_verified_at", { withTimezone: true, mode: "date" }),
    /** Events read by the verification that last reached it. */
    checked: bigint("checked", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.seq] })],
);

export type AuditEventRow = typeof auditEvents.$inferSelect;
export type AuditCheckpointRow = typeof auditCheckpoints.$inferSelect;
