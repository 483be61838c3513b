import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { TenantTx } from "../../db/client";
import { usageRecords } from "../../db/schema/index";
import { newId } from "../../ids";
import { METER_IDS, type MeterId } from "../../plans/catalog";
import { parseInput } from "../../validation";

const RecordUsageInput = z.strictObject({
  tenantId: z.string().min(1),
  meter: z.enum(METER_IDS as unknown as [MeterId, ...MeterId[]], { error: "not a meter of the catalog" }),
  quantity: z.number().int("quantity must be a whole number").positive("quantity must be at least 1").max(1_000_000),
  /** Names the product action (`event:<id>`, `rsvp:<event>:<user>`): a retried verb counts once. */
  idempotencyKey: z.string().min(1).max(200),
});

export type RecordUsageInput = z.input<typeof RecordUsageInput>;

/**
 * Records one product action against a meter, in the caller's transaction — the usage exists if and
 * only if the action commits. Idempotent per (tenant, meter, key): the same action recorded twice
 * counts once. Returns whether this call recorded it. Works as either app role (both may insert).
 */
export async function recordUsage(tx: TenantTx, input: RecordUsageInput): Promise<{ recorded: boolean }> {
  const data = parseInput(RecordUsageInput, input);
  if (tx.tenantId !== data.tenantId) throw new Error("recordUsage: the transaction belongs to another tenant");
  const inserted = await tx
    .insert(usageRecords)
    .values({
      id: newId("usageRecord"),
      tenantId: data.tenantId,
      meter: data.meter,
      quantity: data.quantity,
      idempotencyKey: data.idempotencyKey,
    })
    .onConflictDoNothing({ target: [usageRecords.tenantId, usageRecords.meter, usageRecords.idempotencyKey] })
    .returning({ id: usageRecords.id });
  return { recorded: inserted.length > 0 };
}

/** Used by tests and the usage page: the records of one meter not yet carried to Stripe. */
export async function unreportedQuantity(tx: TenantTx, meter: MeterId): Promise<number> {
  const rows = await tx
    .select({ quantity: usageRecords.quantity, reportId: usageRecords.reportId })
    .from(usageRecords)
    .where(and(eq(usageRecords.tenantId, tx.tenantId), eq(usageRecords.meter, meter)));
  return rows.filter((r) => r.reportId === null).reduce((n, r) => n + r.quantity, 0);
}
