/**
 * Two-label public suffixes common enough to matter in tests (`shop.example.co.uk` has the apex
 * `example.co.uk`). Vercel uses the full public suffix list; an emulator does not need all of it.
 */
const TWO_LABEL_SUFFIXES = new Set([
  "co.uk",
  "org.uk",
  "ac.uk",
  "gov.uk",
  "me.uk",
  "ltd.uk",
  "plc.uk",
  "com.au",
  "net.au",
  "org.au",
  "co.nz",
  "org.nz",
  "co.jp",
  "ne.jp",
  "or.jp",
  "com.br",
  "com.mx",
  "co.in",
  "co.za",
  "com.cn",
  "com.tr",
  "com.sg",
  "com.hk",
  "co.kr",
  "com.ar",
]);

/** The registrable domain (what Vercel calls `apexName`) of a lower-case host name. */
export function apexOf(name: string): string {
  const labels = name.split(".");
  if (labels.length <= 2) return name;
  const keep = TWO_LABEL_SUFFIXES.has(labels.slice(-2).join(".")) ? 3 : 2;
  return labels.slice(-keep).join(".");
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** What Vercel accepts as a project domain name: lower-case LDH labels, at least two, ≤ 253 chars. */
export function isValidDomainName(name: string): boolean {
  if (name.length === 0 || name.length > 253) return false;
  const labels = name.split(".");
  return labels.length >= 2 && labels.every((l) => LABEL.test(l)) && !/^\d+$/.test(labels.at(-1) ?? "");
}
