import { createHash } from "node:crypto";

/**
 * Canonical JSON: object keys sorted, no whitespace. The same event read back from jsonb (which
 * reorders keys) canonicalizes to the same text, so the chain can be recomputed from rows.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "number") return Number.isFinite(value) ? JSON.stringify(value) : "null";
  if (typeof value === "string" || typeof value === "boolean") return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object") {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj).sort();
    let out = "";
    for (const k of keys) {
      const v = obj[k];
      if (v === undefined) continue;
      out += `${out ? "," : ""}${JSON.stringify(k)}:${canonicalJson(v)}`;
    }
    return `{${out}}`;
  }
  return "null";
}

/** The fields of an event that the chain covers, in a fixed shape. */
export interface ChainedEvent {
  id: string;
  tenantId: string;
  actorType: string;
  actorId: string;
  action: string;
  targetType: string;
  targetId: string;
  before: unknown;
  after: unknown;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  occurredAt: string;
}

const str = (v: string | null): string => (v === null ? "null" : JSON.stringify(v));

/**
 * canonicalJson of the event's fixed field set, written out by hand (keys already in sorted
 * order) because verification runs this for every row; a unit test pins it to canonicalJson.
 */
export function canonicalEvent(e: ChainedEvent): string {
  return (
    `{"action":${str(e.action)},"actorId":${str(e.actorId)},"actorType":${str(e.actorType)},` +
    `"after":${canonicalJson(e.after ?? null)},"before":${canonicalJson(e.before ?? null)},"id":${str(e.id)},` +
    `"ip":${str(e.ip)},"occurredAt":${str(e.occurredAt)},"requestId":${str(e.requestId)},` +
    `"targetId":${str(e.targetId)},"targetType":${str(e.targetType)},"tenantId":${str(e.tenantId)},` +
    `"userAgent":${str(e.userAgent)},"v":1}`
  );
}

export const GENESIS_HASH: Buffer = Buffer.alloc(32);

/** hash(n) = sha256(hash(n-1) ‖ canonical(event n)) — the same formula the SQL append uses. */
export function chainHash(prev: Buffer, canonical: string): Buffer {
  return createHash("sha256").update(prev).update(canonical, "utf8").digest();
}

// Matched on the end of the key, case- and separator-insensitively: `accessToken`, `client_secret`,
// `passwordHash` are secrets; a theme's `tokens` (design tokens) are not.
const SECRET_SUFFIXES = [
  "password",
  "passwd",
  "secret",
  "token",
  "apikey",
  "credential",
  "credentials",
  "privatekey",
  "hash",
  "cookie",
  "authorization",
];

function isSecretKey(key: string): boolean {
  const k = key.toLowerCase().replaceAll(/[-_]/g, "");
  return SECRET_SUFFIXES.some((s) => k.endsWith(s));
}

/**
 * Snapshot for before/after: secrets replaced (the key stays, so "the secret changed" is visible),
 * undefined dropped, dates as ISO strings, NUL characters (which jsonb rejects) removed.
 */
export function sanitizeSnapshot(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return null;
  if (depth > 8) return "[truncated]";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "string") return value.replaceAll("\u0000", "");
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "boolean") return value;
  if (typeof value === "bigint") return value.toString();
  if (Buffer.isBuffer(value)) return "[binary]";
  if (Array.isArray(value)) return value.map((v) => sanitizeSnapshot(v, depth + 1));
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === undefined) continue;
      out[k.replaceAll("\u0000", "")] = isSecretKey(k) && v !== null ? "[redacted]" : sanitizeSnapshot(v, depth + 1);
    }
    return out;
  }
  return null;
}
