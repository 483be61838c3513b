import { bigint, customType, index, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { tenantIdColumn } from "./columns";
import { tenants } from "./tenants";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/**
 * Append-only, per-tenant hash chain: hash(n) = sha256(hash(n-1) ‖ canonical(event n)).
 * The app roles may only INSERT and SELECT; a trigger rejects UPDATE/DELETE/TRUNCATE anyway.
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
});

export type AuditEventRow = typeof auditEvents.$inferSelect;
