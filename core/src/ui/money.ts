/**
 * Amounts of money as people read them, with `Intl.NumberFormat` in the currency's own way ($9.99,
 * 9,99 €, ¥999): Stripe amounts are integers in the currency's smallest unit, so the number of
 * decimals comes from the currency, not from a fixed "÷ 100". Pure; shared by server and client.
 */
export function formatMoney(
  minorUnits: number,
  currency: string,
  options: { locale?: string | undefined; signDisplay?: "auto" | "exceptZero" } = {},
): string {
  const code = currency.toUpperCase();
  const fmt = new Intl.NumberFormat(options.locale ?? "en-US", {
    style: "currency",
    currency: code,
    signDisplay: options.signDisplay ?? "auto",
  });
  const digits = fmt.resolvedOptions().maximumFractionDigits ?? 2;
  return fmt.format(minorUnits / 10 ** digits);
}
