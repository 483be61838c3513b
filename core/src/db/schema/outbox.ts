import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, tenantIdColumn } from "./columns";
import { tenants } from "./tenants";

export const outboxStatus = pgEnum("email_outbox_status", ["pending", "sent", "failed"]);

/**
 * Transactional e-mail waiting to be sent: written in the same transaction as the change that
 * causes it (an invitation, a verified domain), delivered by a job with retries. The idempotency
 * key makes a re-run of the job a no-op at the vendor.
 */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: text("id").primaryKey(),
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: "cascade" }),
    template: text("template").notNull(),
    to: text("to_address").notNull(),
    /** Template input; secrets (links with tokens) live only here, never in audit events. */
    payload: jsonb("payload").notNull(),
    status: outboxStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    providerId: text("provider_id"),
    idempotencyKey: text("idempotency_key").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("email_outbox_idem_uq").on(t.idempotencyKey),
    index("email_outbox_status_idx").on(t.tenantId, t.status),
  ],
);

export type EmailOutboxRow = typeof emailOutbox.$inferSelect;
