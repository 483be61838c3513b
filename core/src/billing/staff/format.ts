import { formatMoney as money } from "../../ui/money";

/**
 * Money, counts and rates for the staff billing pages, with `Intl.NumberFormat` (money through the
 * shared `ui/money`). Stripe amounts are in the currency's minor unit; how many decimals that is
 * comes from the currency (cents for USD, none for JPY).
 */

const digits = (currency: string): number =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() }).resolvedOptions()
    .maximumFractionDigits ?? 2;

/** Minor units → major units for `currency` (cents → dollars; yen stay yen). */
export function toMajorUnits(amount: number, currency: string): number {
  return amount / 10 ** digits(currency);
}

/** Major units → minor units, rounded to the nearest minor unit ("12.34" dollars → 1234 cents). */
export function toMinorUnits(amount: number, currency: string): number {
  return Math.round(amount * 10 ** digits(currency));
}

export function formatMoney(amount: number, currency: string, locale = "en-US"): string {
  return money(amount, currency, { locale });
}

export function formatCount(n: number, locale = "en-US"): string {
  return new Intl.NumberFormat(locale).format(n);
}

/** 0.0526 → "5.3%"; null (nothing to divide by) → "—". */
export function formatRate(rate: number | null, locale = "en-US"): string {
  if (rate === null) return "—";
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(rate);
}
