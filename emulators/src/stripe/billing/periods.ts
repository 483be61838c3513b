export type Interval = "day" | "week" | "month" | "year";

export const DAY = 86_400;

/**
 * `ts` plus `count` intervals, the way Stripe bills: months and years keep the anchor's day of the
 * month, clamped to the month's last day (Jan 31 → Feb 28 → Mar 31 when anchored on the 31st).
 */
export function addInterval(ts: number, interval: Interval, count: number, anchorDay?: number): number {
  if (interval === "day") return ts + count * DAY;
  if (interval === "week") return ts + count * 7 * DAY;
  const d = new Date(ts * 1000);
  const months = interval === "month" ? count : count * 12;
  const day = anchorDay ?? d.getUTCDate();
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const next = Date.UTC(year, month, Math.min(day, lastDay), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
  return Math.floor(next / 1000);
}

/** The day of the month a billing cycle anchored at `ts` renews on. */
export function anchorDayOf(ts: number): number {
  return new Date(ts * 1000).getUTCDate();
}

/** Share of the period [start, end) left at `at`, for prorations. */
export function remainingFraction(start: number, end: number, at: number): number {
  if (end <= start) return 0;
  return Math.min(1, Math.max(0, (end - at) / (end - start)));
}

/** "$9.99" from cents. */
export function money(cents: number, currency = "usd"): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  const symbol = currency === "usd" ? "$" : `${currency.toUpperCase()} `;
  return `${sign}${symbol}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
