/**
 * Messages a page shows because of its URL (`?error=`, `?notice=`) come from a fixed table keyed by
 * a code. The query string names the code and never supplies the text: a crafted link cannot make
 * a tenant's branded page say "Your account is locked, call +1 555…" (issue 7.12).
 */
export type NoticeTable = Readonly<Record<string, string>>;

/** The table's message for `code`, or null for a missing, repeated or unknown code. */
export function noticeFor(code: string | string[] | undefined | null, table: NoticeTable): string | null {
  if (typeof code !== "string") return null;
  return Object.hasOwn(table, code) ? (table[code] ?? null) : null;
}
