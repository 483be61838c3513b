import { eq, sql } from "drizzle-orm";
import { isRetryableStripeError, Stripe } from "../../adapters/stripe";
import type { AuditCtx } from "../../audit/emit";
import { type Database, withTenant } from "../../db/client";
import { stripeEvents, tenants } from "../../db/schema/index";
import { DomainError } from "../../errors";
import { isId } from "../../ids";
import { HANDLERS } from "./handlers/index";
import type { EventHandler, InboxEvent } from "./types";

export interface ProcessDeps {
  database: Database;
  stripe: Stripe;
  now?: () => Date;
}

export interface JobAttempt {
  attempts: number;
  maxAttempts: number;
}

export type ProcessOutcome =
  | { outcome: "processed" | "ignored"; result: string; tenantId: string | null }
  | { outcome: "skipped"; result: string; tenantId: string | null }
  | { outcome: "failed"; result: string; tenantId: string | null };

/** Thrown after the failure was recorded on the inbox row, so graphile-worker retries with backoff. */
export class RetryableEventError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RetryableEventError";
  }
}

/** Stripe's own refusals and our domain errors describe the data: retrying cannot change them. */
export function isRetryableProcessingError(err: unknown): boolean {
  if (err instanceof Stripe.errors.StripeError) return isRetryableStripeError(err);
  if (err instanceof DomainError) return err.status >= 500;
  return !(err instanceof TypeError);
}

function describe(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`.slice(0, 2000);
  return String(err).slice(0, 2000);
}

/**
 * The tenant an event is about: the customer's linked tenant; failing that, the tenant Stripe's
 * customer record names (metadata.tenantId, which only we write) or the handler's hint (checkout's
 * client_reference_id, checked against the re-fetched session by the handler). Only a tenant that
 * exists and is not deleted.
 */
async function resolveTenant(deps: ProcessDeps, handler: EventHandler, object: Record<string, unknown>) {
  const customerId = handler.customerOf(object);
  const candidates: (string | null)[] = [];
  if (customerId) {
    const [row] = await deps.database.sql<{ tenant_id: string | null }[]>`
      select mw_billing_tenant_for_customer(${customerId}) as tenant_id`;
    candidates.push(row?.tenant_id ?? null);
    if (!row?.tenant_id) {
      const customer = await deps.stripe.customers.retrieve(customerId);
      candidates.push(customer.deleted ? null : (customer.metadata?.tenantId ?? null));
    }
  }
  candidates.push(handler.tenantHint?.(object) ?? null);
  for (const tenantId of candidates) {
    if (!tenantId || !isId("tenant", tenantId)) continue;
    const [tenant] = await deps.database.db
      .select({ id: tenants.id, status: tenants.status })
      .from(tenants)
      .where(eq(tenants.id, tenantId));
    if (tenant && tenant.status !== "deleted") return { tenantId, customerId };
  }
  return { tenantId: null, customerId };
}

/**
 * The `billing:stripe-event` job: process one inbox row. The handler runs in the tenant's
 * transaction together with the row's result, so an event is either fully applied and marked
 * processed or not at all (a crash in between re-runs it: the handler re-fetches, so that is safe).
 */
export async function processStripeEvent(deps: ProcessDeps, eventId: string, job: JobAttempt): Promise<ProcessOutcome> {
  const now = deps.now?.() ?? new Date();
  const [row] = await deps.database.db.select().from(stripeEvents).where(eq(stripeEvents.id, eventId));
  if (!row) return { outcome: "skipped", result: `no inbox row ${eventId}`, tenantId: null };
  if (row.status === "processed" || row.status === "ignored") {
    return { outcome: "skipped", result: `already ${row.status}`, tenantId: row.forTenantId };
  }
  const mark = (set: Partial<typeof stripeEvents.$inferInsert>) =>
    deps.database.db
      .update(stripeEvents)
      .set({ ...set, attempts: sql`${stripeEvents.attempts} + 1` })
      .where(eq(stripeEvents.id, eventId));
  const handler = HANDLERS.get(row.type);
  if (!handler) {
    const result = `ignored: billing does not act on ${row.type}`;
    await mark({ status: "ignored", result, processedAt: now, lastError: null });
    return { outcome: "ignored", result, tenantId: null };
  }
  const payload = row.payload as { data?: { object?: Record<string, unknown> } };
  const object = payload.data?.object ?? {};
  const event: InboxEvent = { id: row.id, type: row.type, object };
  const audit: AuditCtx = { actor: { type: "webhook", vendor: "stripe", eventId: row.id }, requestId: row.id };
  let tenantId: string | null = row.forTenantId;
  try {
    const resolved = await resolveTenant(deps, handler, object);
    tenantId = resolved.tenantId;
    if (!tenantId) {
      const result = `ignored: no tenant for ${resolved.customerId ? `customer ${resolved.customerId}` : "this event"}`;
      await mark({ status: "ignored", result, processedAt: now, lastError: null });
      return { outcome: "ignored", result, tenantId: null };
    }
    const forTenant = tenantId;
    return await withTenant(deps.database, forTenant, async (tx) => {
      const [locked] = await tx
        .select({ status: stripeEvents.status })
        .from(stripeEvents)
        .where(eq(stripeEvents.id, eventId))
        .for("update");
      if (locked?.status === "processed" || locked?.status === "ignored") {
        return { outcome: "skipped" as const, result: `already ${locked.status}`, tenantId: forTenant };
      }
      const result = (await handler.handle({ tx, tenantId: forTenant, stripe: deps.stripe, event, audit, now })).slice(
        0,
        1000,
      );
      const status = result.startsWith("ignored:") ? ("ignored" as const) : ("processed" as const);
      await tx
        .update(stripeEvents)
        .set({
          status,
          result,
          forTenantId: forTenant,
          processedAt: now,
          lastError: null,
          attempts: sql`${stripeEvents.attempts} + 1`,
        })
        .where(eq(stripeEvents.id, eventId));
      return { outcome: status, result, tenantId: forTenant };
    });
  } catch (err) {
    const retry = isRetryableProcessingError(err) && job.attempts < job.maxAttempts;
    await mark({
      status: retry ? "pending" : "failed",
      lastError: describe(err),
      ...(tenantId ? { forTenantId: tenantId } : {}),
      ...(retry ? {} : { result: "failed: see the error" }),
    });
    if (retry) throw new RetryableEventError(describe(err), { cause: err });
    return { outcome: "failed", result: describe(err), tenantId };
  }
}
