import "server-only";
import { type AuditFilter, AuditFilterSchema } from "@mw/core/audit";
import { readTenant, schema } from "@mw/core/db";
import { and, asc, desc, eq, gt, gte, lt, lte, type SQL, sql } from "drizzle-orm";
import { controlDb } from "../db";

export const AUDIT_PAGE_SIZE = 50;

/** The filter fields as they appear in the query string (and in the filter form). */
export const AUDIT_FILTER_KEYS = ["actorType", "actorId", "action", "targetType", "targetId", "from", "to"] as const;
export type AuditFilterKey = (typeof AUDIT_FILTER_KEYS)[number];
export type AuditFilterValues = Partial<Record<AuditFilterKey, string>>;

type SearchParams = Record<string, string | string[] | undefined> | URLSearchParams;

function get(params: SearchParams, key: string): string {
  const v = params instanceof URLSearchParams ? params.get(key) : params[key];
  return (Array.isArray(v) ? v[0] : v)?.trim() ?? "";
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Query string → validated filter. Dates are whole UTC days from `<input type=date>`: `to` covers its
 * entire day, so from=to=2025-01-31 means "that day", not "that instant".
 */
export function parseAuditSearch(params: SearchParams): {
  values: AuditFilterValues;
  filter: AuditFilter | null;
  errors: Record<string, string[]>;
} {
  const values: AuditFilterValues = {};
  for (const k of AUDIT_FILTER_KEYS) {
    const v = get(params, k);
    if (v) values[k] = v;
  }
  const raw: Record<string, string> = { ...values };
  if (values.from && DATE_ONLY.test(values.from)) raw.from = `${values.from}T00:00:00.000Z`;
  if (values.to && DATE_ONLY.test(values.to)) raw.to = `${values.to}T23:59:59.999Z`;
  const parsed = AuditFilterSchema.safeParse(raw);
  if (parsed.success) return { values, filter: parsed.data, errors: {} };
  const errors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? "_");
    const message =
      issue.code === "invalid_type" && (key === "from" || key === "to") ? "not a valid date" : issue.message;
    errors[key] = [...(errors[key] ?? []), message];
  }
  return { values, filter: null, errors };
}

export function auditQuery(values: AuditFilterValues, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  for (const k of AUDIT_FILTER_KEYS) if (values[k]) q.set(k, values[k] as string);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : "";
}

export interface AuditEventView {
  seq: number;
  id: string;
  occurredAt: string;
  actorType: string;
  actorId: string;
  actorEmail: string | null;
  action: string;
  targetType: string;
  targetId: string;
  before: unknown;
  after: unknown;
  ip: string | null;
  requestId: string | null;
}

function conditions(tenantId: string, f: AuditFilter): SQL[] {
  const e = schema.auditEvents;
  const c: SQL[] = [eq(e.tenantId, tenantId)];
  if (f.actorType) c.push(eq(e.actorType, f.actorType));
  if (f.actorId) c.push(eq(e.actorId, f.actorId));
  // Same semantics as the export: a trailing dot is a prefix, anything else is exact.
  if (f.action) c.push(f.action.endsWith(".") ? sql`starts_with(${e.action}, ${f.action})` : eq(e.action, f.action));
  if (f.targetType) c.push(eq(e.targetType, f.targetType));
  if (f.targetId) c.push(eq(e.targetId, f.targetId));
  if (f.from) c.push(gte(e.occurredAt, f.from.toISOString()));
  if (f.to) c.push(lte(e.occurredAt, f.to.toISOString()));
  return c;
}

/**
 * One page, newest first, by keyset on `seq` (stable while events keep arriving, unlike offsets):
 * `before` pages towards older events, `after` back towards newer ones.
 */
export async function listAuditEvents(
  tenantId: string,
  filter: AuditFilter,
  cursor: { before?: number; after?: number },
): Promise<{ events: AuditEventView[]; older: number | null; newer: number | null }> {
  const e = schema.auditEvents;
  const u = schema.users;
  const c = conditions(tenantId, filter);
  const towardsNewer = cursor.after !== undefined;
  if (cursor.before !== undefined) c.push(lt(e.seq, cursor.before));
  if (cursor.after !== undefined) c.push(gt(e.seq, cursor.after));
  const rows = await readTenant(controlDb(), tenantId, (tx) =>
    tx
      .select({
        seq: e.seq,
        id: e.id,
        occurredAt: e.occurredAt,
        actorType: e.actorType,
        actorId: e.actorId,
        actorEmail: u.email,
        action: e.action,
        targetType: e.targetType,
        targetId: e.targetId,
        before: e.before,
        after: e.after,
        ip: e.ip,
        requestId: e.requestId,
      })
      .from(e)
      .leftJoin(u, and(eq(u.tenantId, e.tenantId), eq(e.actorType, "user"), eq(u.id, e.actorId)))
      .where(and(...c))
      .orderBy(towardsNewer ? asc(e.seq) : desc(e.seq))
      .limit(AUDIT_PAGE_SIZE + 1),
  );
  const more = rows.length > AUDIT_PAGE_SIZE;
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  if (towardsNewer) page.reverse();
  const first = page[0]?.seq;
  const last = page.at(-1)?.seq;
  const atNewest = towardsNewer ? !more : cursor.before === undefined;
  const atOldest = towardsNewer ? false : !more;
  return {
    events: page,
    newer: atNewest || first === undefined ? null : first,
    older: atOldest || last === undefined ? null : last,
  };
}

export interface Change {
  key: string;
  before: string | null;
  after: string | null;
}

function show(v: unknown): string | null {
  if (v === undefined) return null;
  const s = typeof v === "string" ? v : JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
}

/** Top-level keys whose value differs between the snapshots: the compact view of an event. */
export function diffSnapshots(before: unknown, after: unknown): Change[] {
  const b = before && typeof before === "object" ? (before as Record<string, unknown>) : {};
  const a = after && typeof after === "object" ? (after as Record<string, unknown>) : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys
    .filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .map((k) => ({ key: k, before: show(b[k]), after: show(a[k]) }));
}
