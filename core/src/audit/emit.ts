import { type Actor, actorId, type RequestMeta } from "../context";
import type { TenantTx } from "../db/client";
import { newId } from "../ids";
import { sanitizeSnapshot } from "./canonical";

export type AuditAction = `${string}.${string}`;

export interface AuditEventInput {
  action: AuditAction;
  target: { type: string; id: string };
  before?: unknown;
  after?: unknown;
}

export interface AuditCtx extends RequestMeta {
  actor: Actor;
}

/**
 * Append an audit event in the caller's transaction (so it commits or rolls back with the change
 * it describes). One statement: `mw_audit_append()` (security definer, the only writer of the audit
 * tables) takes the tenant from the transaction, row-locks the tenant's chain head, keys the new
 * hash with a secret the app roles cannot read, and inserts the event (docs/adr/0003).
 */
export async function emitAudit(
  tx: TenantTx,
  ctx: AuditCtx,
  event: AuditEventInput,
): Promise<{ id: string; seq: number }> {
  const id = newId("audit");
  const before = event.before === undefined ? null : JSON.stringify(sanitizeSnapshot(event.before));
  const after = event.after === undefined ? null : JSON.stringify(sanitizeSnapshot(event.after));
  const [row] = await tx.$sql<{ seq: string }[]>`
    select mw_audit_append(${id}, ${ctx.actor.type}, ${actorId(ctx.actor)}, ${event.action}, ${event.target.type},
                           ${event.target.id}, ${before}::jsonb, ${after}::jsonb, ${ctx.ip ?? null},
                           ${ctx.userAgent ? ctx.userAgent.slice(0, 512) : null}, ${ctx.requestId ?? null}) as seq`;
  if (!row?.seq) throw new Error("audit append returned no row");
  return { id, seq: Number(row.seq) };
}
