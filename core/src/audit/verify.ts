import type { Database } from "../db/client";
import { openTenantReadTx, withTenant } from "../db/client";
import { canonicalEvent, chainHash, GENESIS_HASH } from "./canonical";

/** What a verification ran and how far it reached; present on every verdict. */
export interface ChainCoverage {
  /** `full`: from the first event; `incremental`: from the newest checkpoint on. */
  mode: "full" | "incremental";
  /**
   * How the events were checked: keyed HMAC-SHA256 with the platform's chain key (inside the
   * database; the app roles never hold the key), plus plain SHA-256 linkage for the events written
   * before keying (`legacyEvents`, 0 on chains that began keyed), which a full verification covers.
   */
  method: "hmac-sha256";
  /** Events written before the chain was keyed (seq 1…legacyEvents). */
  legacyEvents: number;
  /** First seq read by this verification. */
  fromSeq: number;
  /** Events read by this verification (keyed and, when full, unkeyed). */
  checked: number;
  /** When this verification succeeded (null when it failed); it is then a checkpoint at `headSeq`. */
  verifiedAt: Date | null;
  /** The last full verification that succeeded, this one included. */
  lastFullAt: Date | null;
}

export type ChainVerdict =
  | ({ ok: true; events: number; headSeq: number } & ChainCoverage)
  | ({
      ok: false;
      /** Events known good: those before the first one that does not fit. */
      events: number;
      /** First row that does not fit the chain (or the head's seq when the tail was cut off). */
      seq: number;
      eventId: string | null;
      reason: "hash_mismatch" | "sequence_gap" | "head_mismatch";
      detail: string;
      headSeq: number;
    } & ChainCoverage);

interface VerifyRow {
  ok: boolean;
  full_scan: boolean;
  from_seq: string;
  checked: string;
  head_seq: string;
  keyed_from: string;
  bad_seq: string | null;
  bad_event_id: string | null;
  reason: "hash_mismatch" | "sequence_gap" | "head_mismatch" | null;
  detail: string | null;
  verified_at: Date | string | null;
  last_full_at: Date | string | null;
}

const asDate = (v: Date | string | null): Date | null => (v === null ? null : new Date(v));

/**
 * Verify a tenant's audit chain. Detects an edited row (its hash no longer matches), a deleted row
 * (a gap in seq, or a head ahead of the last row), reordered rows (each hash is bound to its
 * predecessor's) and forged rows (only the database holds the key the hashes are made with).
 *
 * `full` (the default) reads the whole chain; `incremental` reads only the events after the newest
 * checkpoint — what the audit page does on every view — so tampering with events before it is found
 * by the next full verification ("Verify all"). A successful verification becomes the checkpoint.
 */
export async function verifyAuditChain(
  database: Database,
  tenantId: string,
  opts: { mode?: "full" | "incremental"; batchSize?: number } = {},
): Promise<ChainVerdict> {
  const mode = opts.mode ?? "full";
  let legacy: LegacyVerdict | null = null;
  if (mode === "full" || (await needsFullScan(database, tenantId))) {
    legacy = await verifyUnkeyedPrefix(database, tenantId, opts.batchSize ?? 2000);
  }
  const [r] = await withTenant(
    database,
    tenantId,
    (tx) => tx.$sql<VerifyRow[]>`select * from mw_audit_verify(${mode === "full"})`,
  );
  if (!r) throw new Error("mw_audit_verify returned no row");
  const keyedFrom = Number(r.keyed_from);
  const coverage: ChainCoverage = {
    mode: r.full_scan ? "full" : "incremental",
    method: "hmac-sha256",
    legacyEvents: keyedFrom - 1,
    fromSeq: legacy && r.full_scan ? 1 : Number(r.from_seq),
    checked: Number(r.checked) + (legacy && r.full_scan ? legacy.checked : 0),
    verifiedAt: asDate(r.verified_at),
    lastFullAt: asDate(r.last_full_at),
  };
  const headSeq = Number(r.head_seq);
  // The unkeyed prefix comes first in the chain, so its failure is the first failure.
  if (legacy && !legacy.ok && r.full_scan) {
    return { ...legacy.failure, headSeq, ...coverage, verifiedAt: null };
  }
  if (!r.ok) {
    const seq = Number(r.bad_seq);
    return {
      ok: false,
      events: Math.max(0, seq - 1),
      seq,
      eventId: r.bad_event_id,
      reason: r.reason ?? "hash_mismatch",
      detail: r.detail ?? "the chain does not verify",
      headSeq,
      ...coverage,
    };
  }
  return { ok: true, events: headSeq, headSeq, ...coverage };
}

/** Whether the database will verify from the start (no checkpoint at or after the keyed part yet). */
async function needsFullScan(database: Database, tenantId: string): Promise<boolean> {
  const { conn, close } = await openTenantReadTx(database, tenantId);
  try {
    const [r] = await conn<{ keyed_from: string | null; checkpoint: string | null }[]>`
      select (select keyed_from from audit_chain_heads where tenant_id = ${tenantId}) as keyed_from,
             (select max(seq) from audit_checkpoints where tenant_id = ${tenantId}) as checkpoint`;
    const keyedFrom = Number(r?.keyed_from ?? 1);
    return keyedFrom > 1 && (r?.checkpoint === null || Number(r?.checkpoint) < keyedFrom - 1);
  } finally {
    await close();
  }
}

type LegacyVerdict =
  | { ok: true; checked: number }
  | {
      ok: false;
      checked: number;
      failure: {
        ok: false;
        events: number;
        seq: number;
        eventId: string | null;
        reason: "hash_mismatch" | "sequence_gap";
        detail: string;
      };
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
 * Events written before the chain was keyed (migration 0010) carry plain SHA-256 hashes over the
 * JSON canonical form, which anyone can recompute: check them here, row by row. The first keyed
 * event's HMAC covers the last of these hashes, so the prefix cannot be rewritten either.
 */
async function verifyUnkeyedPrefix(database: Database, tenantId: string, batchSize: number): Promise<LegacyVerdict> {
  const { conn, close } = await openTenantReadTx(database, tenantId);
  try {
    const [head] = await conn<{ keyed_from: string }[]>`
      select keyed_from from audit_chain_heads where tenant_id = ${tenantId}`;
    const end = Number(head?.keyed_from ?? 1) - 1;
    if (end <= 0) return { ok: true, checked: 0 };
    let prev = GENESIS_HASH;
    let expected = 1;
    const cursor = conn<ChainRow[]>`
      select seq, id, tenant_id, actor_type, actor_id, action, target_type, target_id, before, after,
             ip, user_agent, request_id, hash,
             to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as occurred_at
        from audit_events where tenant_id = ${tenantId} and seq <= ${end} order by seq`.cursor(batchSize);
    for await (const rows of cursor) {
      for (const r of rows) {
        const seq = Number(r.seq);
        const fail = (reason: "hash_mismatch" | "sequence_gap", detail: string): LegacyVerdict => ({
          ok: false,
          checked: expected,
          failure: { ok: false, events: expected - 1, seq, eventId: r.id, reason, detail },
        });
        if (seq !== expected) return fail("sequence_gap", `expected seq ${expected}, found ${seq}`);
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
        if (!hash.equals(r.hash)) return fail("hash_mismatch", "row content does not match its (unkeyed) chain hash");
        prev = hash;
        expected++;
      }
    }
    if (expected - 1 !== end) {
      return {
        ok: false,
        checked: expected - 1,
        failure: {
          ok: false,
          events: expected - 1,
          seq: expected,
          eventId: null,
          reason: "sequence_gap",
          detail: `the events before keying end at ${expected - 1}, expected ${end}`,
        },
      };
    }
    return { ok: true, checked: end };
  } finally {
    await close();
  }
}
