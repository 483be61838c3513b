import { z } from "zod";
import type { Database } from "../db/client";
import { openTenantReadTx } from "../db/client";

export const AuditFilterSchema = z
  .object({
    actorType: z.enum(["user", "apiKey", "staff", "system", "webhook"]).optional(),
    actorId: z.string().min(1).max(128).optional(),
    /** Exact action (`theme.publish`) or a prefix ending in a dot (`theme.`). */
    action: z
      .string()
      .regex(/^[a-zA-Z]+(\.[a-zA-Z_]+)*\.?$/, "action must look like entity.verb or entity.")
      .optional(),
    targetType: z.string().min(1).max(64).optional(),
    targetId: z.string().min(1).max(128).optional(),
    from: z.coerce.date().optional(),
    to: z.coerce.date().optional(),
  })
  .strict()
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: "from must not be after to", path: ["from"] });

export type AuditFilter = z.infer<typeof AuditFilterSchema>;

interface ExportRow {
  seq: string;
  id: string;
  occurred_at: string;
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
  hash: Buffer;
}

const CSV_COLUMNS = [
  "seq",
  "id",
  "occurred_at",
  "actor_type",
  "actor_id",
  "action",
  "target_type",
  "target_id",
  "ip",
  "user_agent",
  "request_id",
  "before",
  "after",
  "hash",
] as const;

function csvCell(value: string | null): string {
  if (value === null) return "";
  // Quote always; neutralize spreadsheet formulas (CSV injection) with a leading apostrophe.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

function toRecord(r: ExportRow) {
  return {
    seq: Number(r.seq),
    id: r.id,
    occurredAt: r.occurred_at,
    actor: { type: r.actor_type, id: r.actor_id },
    action: r.action,
    target: { type: r.target_type, id: r.target_id },
    before: r.before,
    after: r.after,
    ip: r.ip,
    userAgent: r.user_agent,
    requestId: r.request_id,
    hash: r.hash.toString("hex"),
  };
}

/**
 * Stream a tenant's audit events as CSV or JSON, one chunk per cursor batch: memory stays flat
 * whatever the number of events, and the snapshot is consistent (repeatable read).
 */
export async function* exportAuditEvents(
  database: Database,
  tenantId: string,
  filter: AuditFilter,
  format: "csv" | "json",
  opts: { batchSize?: number } = {},
): AsyncGenerator<string> {
  const { conn, close } = await openTenantReadTx(database, tenantId);
  try {
    const f = filter;
    const actionCond = f.action
      ? f.action.endsWith(".")
        ? conn`and starts_with(action, ${f.action})`
        : conn`and action = ${f.action}`
      : conn``;
    const cursor = conn<ExportRow[]>`
      select seq, id, to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as occurred_at, actor_type, actor_id, action, target_type, target_id, before, after,
             ip, user_agent, request_id, hash
        from audit_events
       where tenant_id = ${tenantId}
         ${f.actorType ? conn`and actor_type = ${f.actorType}` : conn``}
         ${f.actorId ? conn`and actor_id = ${f.actorId}` : conn``}
         ${actionCond}
         ${f.targetType ? conn`and target_type = ${f.targetType}` : conn``}
         ${f.targetId ? conn`and target_id = ${f.targetId}` : conn``}
         ${f.from ? conn`and occurred_at >= ${f.from}` : conn``}
         ${f.to ? conn`and occurred_at <= ${f.to}` : conn``}
       order by seq`.cursor(opts.batchSize ?? 1000);

    if (format === "csv") yield `${CSV_COLUMNS.join(",")}\n`;
    else yield "[";
    let first = true;
    for await (const rows of cursor) {
      let chunk = "";
      for (const r of rows) {
        if (format === "csv") {
          const rec = toRecord(r);
          chunk += `${[
            String(rec.seq),
            rec.id,
            rec.occurredAt,
            rec.actor.type,
            rec.actor.id,
            rec.action,
            rec.target.type,
            rec.target.id,
            rec.ip,
            rec.userAgent,
            rec.requestId,
            rec.before === null ? null : JSON.stringify(rec.before),
            rec.after === null ? null : JSON.stringify(rec.after),
            rec.hash,
          ]
            .map(csvCell)
            .join(",")}\n`;
        } else {
          chunk += `${first ? "\n" : ",\n"}${JSON.stringify(toRecord(r))}`;
          first = false;
        }
      }
      yield chunk;
    }
    if (format === "json") yield first ? "]\n" : "\n]\n";
  } finally {
    await close();
  }
}
