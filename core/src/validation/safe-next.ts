/**
 * Where to send someone after signing in: a `next` value from the query string or a hidden field,
 * so attacker-controlled. Only a path on the same origin passes; everything else falls back.
 *
 * The check runs the WHATWG URL parser — the one browsers use on a `Location` header — against a
 * placeholder origin and keeps the result only if it stays on that origin. Before parsing, it
 * refuses what the parser would silently "repair" into a different URL: tabs, CR and LF are
 * stripped (`/\t/evil.example` becomes `//evil.example`, another host) and a backslash counts as a
 * slash (`/\evil.example`). The same characters are refused once percent-decoded too, so a value
 * that some later layer decodes again (even twice) cannot turn into one. The returned path is the parser's own
 * serialization (dot segments resolved, non-ASCII percent-encoded), so it is always a valid header
 * value: a newline in `next` is a fallback, not a 500.
 *
 * The origin is a fixed placeholder rather than the request's Host: same-origin-ness relative to
 * it is the same question, and the answer must not depend on a header the client chose.
 */
const BASE = "https://next.invalid";
const MAX_LENGTH = 2048;
// C0 controls (tab, CR, LF …), DEL, C1 controls, and the backslash.
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\\]/;

export interface SafeNextOptions {
  /** Where to go when `raw` is missing or refused. Must itself be a safe path. */
  fallback: string;
  /** Only paths at or under this prefix pass (e.g. `/console`). */
  within?: string;
}

export function safeNextPath(raw: unknown, { fallback, within }: SafeNextOptions): string {
  return parseSameOriginPath(raw, within) ?? fallback;
}

/** The normalized same-origin path, or null when `raw` is not one (or leaves `within`). */
export function parseSameOriginPath(raw: unknown, within?: string): string | null {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > MAX_LENGTH) return null;
  if (!looksLikeLocalPath(raw)) return null;
  if (!survivesDecoding(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE || url.username || url.password) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Re-check the serialization: it is what the browser will see.
  if (!looksLikeLocalPath(path)) return null;
  if (within !== undefined && url.pathname !== within && !url.pathname.startsWith(`${within}/`)) return null;
  return path;
}

/**
 * Every layer of percent-decoding still looks like a local path (`/%2509/…` is a tab two decodes
 * away). Malformed encoding, or more layers than anyone writes by accident, is refused.
 */
function survivesDecoding(raw: string): boolean {
  let v = raw;
  for (let i = 0; i < 4; i++) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(v);
    } catch {
      return false;
    }
    if (decoded === v) return true;
    if (!looksLikeLocalPath(decoded)) return false;
    v = decoded;
  }
  return false;
}

/** One leading slash, then no second one, no backslash, no control character anywhere. */
function looksLikeLocalPath(v: string): boolean {
  return v.startsWith("/") && !v.startsWith("//") && !UNSAFE.test(v);
}
