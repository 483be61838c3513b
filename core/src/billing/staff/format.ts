/**
 * Money, counts and rates for the staff billing pages, with `Intl.NumberFormat`. Amounts are in
 * the currency's minor unit as Stripe gives them; zero-decimal currencies (JPY…) are not divided.
 */

const ZERO_DECIMAL = new Set([
  "bif",
  "clp",
  "djf",
  "gnf",
  "jpy",
  "kmf",
  "krw",
  "mga",
  "pyg",
  "rwf",
  "ugx",
  "vnd",
  "vuv",
  "xaf",
  "xof",
  "xpf",
]);

/** Minor units → major units for `currency` (cents → dollars; yen stay yen). */
export function toMajorUnits(amount: number, currency: string): number {
  return ZERO_DECIMAL.has(currency.toLowerCase()) ? amount : amount / 100;
}

/** Major units → minor units, rounded to the nearest minor unit ("12.34" dollars → 1234 cents). */
export function toMinorUnits(amount: number, currency: string): number {
  return Math.round(ZERO_DECIMAL.has(currency.toLowerCase()) ? amount : amount * 100);
}

export function formatMoney(amount: number, currency: string, locale = "en-US"): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency: currency.toUpperCase() }).format(
    toMajorUnits(amount, currency),
  );
}

export function formatCount(n: number, locale = "en-US"): string {
  return new Intl.NumberFormat(locale).format(n);
}

/** 0.0526 → "5.3%"; null (nothing to divide by) → "—". */
export function formatRate(rate: number | null, locale = "en-US"): string {
  if (rate === null) return "—";
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(rate);
}
