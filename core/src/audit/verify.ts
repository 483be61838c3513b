import type { Database } from "../db/client";
import { openTenantReadTx } from "../db/client";
import { canonicalEvent, chainHash, GENESIS_HASH } from "./canonical";

export type ChainVerdict =
  | { ok: true; events: number; headSeq: number }
  | {
      ok: false;
      events: number;
      /** First row that does not fit the chain (or the head's seq when the tail was cut off). */
      seq: number;
      eventId: string | null;
      reason: "hash_mismatch" | "sequence_gap" | "head_mismatch";
      detail: string;
    };

interface ChainRow {
  seq: string;
  id: string;
  tenant_id: string;
  actor_type: string;
  actor_id: string;
  action: string;
  target_type: string;
  target_id: string;
  before: unknown;
  after: unknown;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  occurred_at: string;
  hash: Buffer;
}

/**
 * Recompute a tenant's chain from its rows in seq order. Detects an edited row (its hash no
 * longer matches), a deleted row (a gap in seq, or a head ahead of the last row) and reordered
 * rows (each row's hash is bound to its predecessor's).
 */
export async function verifyAuditChain(
  database: Database,
  tenantId: string,
  opts: { batchSize?: number } = {},
): Promise<ChainVerdict> {
  const { conn, close } = await openTenantReadTx(database, tenantId);
  try {
    let prev = GENESIS_HASH;
    let expected = 1;
    let events = 0;
    const cursor = conn<ChainRow[]>`
      select seq, id, tenant_id, actor_type, actor_id, action, target_type, target_id, before, after,
             ip, user_agent, request_id, hash,
             to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as occurred_at
        from audit_events where tenant_id = ${tenantId} order by seq`.cursor(opts.batchSize ?? 2000);
    for await (const rows of cursor) {
      for (const r of rows) {
        const seq = Number(r.seq);
        if (seq !== expected) {
          return {
            ok: false,
            events,
            seq,
            eventId: r.id,
            reason: "sequence_gap",
            detail: `expected seq ${expected}, found ${seq}`,
          };
        }
        const hash = chainHash(
          prev,
          canonicalEvent({
            id: r.id,
            tenantId: r.tenant_id,
            actorType: r.actor_type,
            actorId: r.actor_id,
            action: r.action,
            targetType: r.target_type,
            targetId: r.target_id,
            before: r.before,
            after: r.after,
            ip: r.ip,
            userAgent: r.user_agent,
            requestId: r.request_id,
            occurredAt: r.occurred_at,
          }),
        );
        if (!hash.equals(r.hash)) {
          return {
            ok: false,
            events,
            seq,
            eventId: r.id,
            reason: "hash_mismatch",
            detail: "row content does not match its chain hash",
          };
        }
        prev = hash;
        expected++;
        events++;
      }
    }
    const [head] = await conn<{ seq: string; hash: Buffer }[]>`
      select seq, hash from audit_chain_heads where tenant_id = ${tenantId}`;
    const headSeq = head ? Number(head.seq) : 0;
    if (headSeq !== events || (head && !head.hash.equals(prev))) {
      return {
        ok: false,
        events,
        seq: headSeq,
        eventId: null,
        reason: "head_mismatch",
        detail: `chain head is at seq ${headSeq} but the log ends at ${events}`,
      };
    }
    return { ok: true, events, headSeq };
  } finally {
    await close();
  }
}
