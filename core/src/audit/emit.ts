import { type Actor, actorId, type RequestMeta } from "../context";
import type { TenantTx } from "../db/client";
import { newId } from "../ids";
import { canonicalEvent, sanitizeSnapshot } from "./canonical";

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
 * it describes). One statement: the upsert on the chain head both takes the per-tenant row lock
 * that orders appends and computes the new hash in SQL from the previous one.
 */
export async function emitAudit(
  tx: TenantTx,
  ctx: AuditCtx,
  event: AuditEventInput,
): Promise<{ id: string; seq: number }> {
  const id = newId("audit");
  const before = event.before === undefined ? null : sanitizeSnapshot(event.before);
  const after = event.after === undefined ? null : sanitizeSnapshot(event.after);
  const row = {
    id,
    tenantId: tx.tenantId,
    actorType: ctx.actor.type,
    actorId: actorId(ctx.actor),
    action: event.action,
    targetType: event.target.type,
    targetId: event.target.id,
    before,
    after,
    ip: ctx.ip ?? null,
    userAgent: ctx.userAgent ? ctx.userAgent.slice(0, 512) : null,
    requestId: ctx.requestId ?? null,
    occurredAt: new Date().toISOString(),
  };
  const canonical = canonicalEvent(row);
  const [inserted] = await tx.$sql<{ seq: string }[]>`
    with head as (
      insert into audit_chain_heads as h (tenant_id, seq, hash)
      values (${row.tenantId}, 1, sha256(decode(repeat('00', 32), 'hex') || convert_to(${canonical}, 'UTF8')))
      on conflict (tenant_id) do update
        set seq = h.seq + 1, hash = sha256(h.hash || convert_to(${canonical}, 'UTF8'))
      returning seq, hash
    )
    insert into audit_events (tenant_id, seq, id, actor_type, actor_id, action, target_type, target_id,
                              before, after, ip, user_agent, request_id, occurred_at, hash)
    select ${row.tenantId}, head.seq, ${id}, ${row.actorType}, ${row.actorId}, ${row.action}, ${row.targetType},
           ${row.targetId}, ${before === null ? null : JSON.stringify(before)}::jsonb,
           ${after === null ? null : JSON.stringify(after)}::jsonb, ${row.ip}, ${row.userAgent}, ${row.requestId},
           ${row.occurredAt}::timestamptz, head.hash
      from head
    returning seq`;
  if (!inserted) throw new Error("audit append returned no row");
  return { id, seq: Number(inserted.seq) };
}
