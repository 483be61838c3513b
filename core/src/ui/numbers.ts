/**
 * Numbers as people read them, with `Intl` only: counts and totals in the viewer's locale
 * (`LocalNumber` formats on the client, where the locale is known; the server renders a fixed one
 * so its HTML is the same everywhere). Pure functions, next to `dates.ts`; money is `money.ts`.
 */

/**
 * A locale Intl accepts, or undefined (the runtime's default). Browsers can report tags Intl
 * rejects — Chromium under a POSIX environment says "en-US@posix" — and one RangeError would take
 * down the page that formats a number.
 */
export function usableLocale(locale: string | null | undefined): string | undefined {
  if (!locale) return undefined;
  try {
    const [canonical] = Intl.getCanonicalLocales(locale.split("@")[0]);
    return canonical && Intl.NumberFormat.supportedLocalesOf(canonical).length ? canonical : undefined;
  } catch {
    return undefined;
  }
}

/** A whole count or total: "12,345" (en), "12 345" (fr), "12.345" (de). */
export function formatNumber(value: number, locale?: string): string {
  return new Intl.NumberFormat(usableLocale(locale), { maximumFractionDigits: 0 }).format(value);
}

/** Compact for chart axes and tiles with little room: "1.2K", "3.4M" (en). */
export function formatCompact(value: number, locale?: string): string {
  return new Intl.NumberFormat(usableLocale(locale), { notation: "compact", maximumFractionDigits: 1 }).format(value);
}

/**
 * "1 tenant", "2,048 tenants": a count with its noun, pluralized by the locale's rules. `plural`
 * defaults to the noun with an "s" (English copy; the number itself is localized).
 */
export function formatCount(value: number, noun: string, plural = `${noun}s`, locale?: string): string {
  const one = new Intl.PluralRules(usableLocale(locale) ?? "en").select(value) === "one";
  return `${formatNumber(value, locale)} ${one ? noun : plural}`;
}

/**
 * The viewer's locale from an `Accept-Language` header ("nb-NO,nb;q=0.9,en;q=0.8" → "nb-NO"), for
 * pages rendered per request; the first well-formed tag by weight, else `fallback`. A cached page
 * cannot use this (one HTML for every visitor): it formats in the browser (`LocalNumber`).
 */
export function preferredLocale(acceptLanguage: string | null | undefined, fallback = "en-US"): string {
  if (!acceptLanguage) return fallback;
  const ranked = acceptLanguage
    .slice(0, 500)
    .split(",")
    .map((part, i) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((x) => x.tag && x.tag !== "*" && x.q > 0 && Number.isFinite(x.q))
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    const usable = usableLocale(tag);
    if (usable) return usable;
  }
  return fallback;
}
