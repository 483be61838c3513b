/**
 * Numbers as people read them, with `Intl` only: counts and totals in the viewer's locale
 * (`LocalNumber` formats on the client, where the locale is known; the server renders a fixed one
 * so its HTML is the same everywhere). Pure functions, next to `dates.ts`; money is `money.ts`.
 */

/** A whole count or total: "12,345" (en), "12 345" (fr), "12.345" (de). */
export function formatNumber(value: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

/** Compact for chart axes and tiles with little room: "1.2K", "3.4M" (en). */
export function formatCompact(value: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { notation: "compact", maximumFractionDigits: 1 }).format(value);
}

/**
 * "1 tenant", "2,048 tenants": a count with its noun, pluralized by the locale's rules. `plural`
 * defaults to the noun with an "s" (English copy; the number itself is localized).
 */
export function formatCount(value: number, noun: string, plural = `${noun}s`, locale?: string): string {
  const one = new Intl.PluralRules(locale ?? "en").select(value) === "one";
  return `${formatNumber(value, locale)} ${one ? noun : plural}`;
}
