import type { Stripe } from "../../adapters/stripe";
import type { AuditCtx } from "../../audit/emit";
import type { TenantTx } from "../../db/client";

/** An inbox row as a handler sees it: the event Stripe signed, which it treats as a trigger only. */
export interface InboxEvent {
  id: string;
  type: string;
  /** `data.object` of the delivered event: stale by definition; handlers read ids from it, nothing else. */
  object: Record<string, unknown>;
}

export interface HandlerCtx {
  tx: TenantTx;
  tenantId: string;
  stripe: Stripe;
  event: InboxEvent;
  /** The webhook event as the actor of every audit event the processing writes. */
  audit: AuditCtx;
  now: Date;
}

/**
 * One event type's processing. `customerOf` names the Stripe customer the event is about (from the
 * payload: ids do not go stale); `tenantHint` a tenant id the payload carries (checkout's
 * client_reference_id, metadata.tenantId), tried when the customer is not linked yet and checked
 * against Stripe before it is believed. `handle` runs in the tenant's transaction, re-fetches what
 * it needs from Stripe and returns what it did, in words, for the event log.
 */
export interface EventHandler {
  type: string;
  customerOf(object: Record<string, unknown>): string | null;
  tenantHint?(object: Record<string, unknown>): string | null;
  handle(ctx: HandlerCtx): Promise<string>;
}

/** The id behind an expandable field of a payload (a string, or an object with an id). */
export function idOf(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && "id" in value && typeof value.id === "string") return value.id;
  return null;
}

export function metadataTenant(object: Record<string, unknown>): string | null {
  const metadata = object.metadata;
  if (!metadata || typeof metadata !== "object") return null;
  const tenantId = (metadata as Record<string, unknown>).tenantId;
  return typeof tenantId === "string" ? tenantId : null;
}
