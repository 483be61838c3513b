"use client";

import { useSyncExternalStore } from "react";
import { formatMoney } from "./money";
import { formatCompact, formatNumber, usableLocale } from "./numbers";

const noSubscription = () => () => {};

/** The browser's locale once hydrated; null on the server and while hydrating (as `LocalTime`). */
function useBrowserLocale(): string | null {
  return useSyncExternalStore(
    noSubscription,
    () => navigator.language,
    () => null,
  );
}

/**
 * A number in the viewer's locale. The server's HTML uses en-US grouping ("12,345"), the same on
 * every server, so hydration always matches; the browser then formats it for the viewer.
 * `money`: `value` is in minor units of that currency.
 */
export function LocalNumber({
  value,
  compact = false,
  money,
}: {
  value: number;
  compact?: boolean;
  money?: string | undefined;
}) {
  const locale = usableLocale(useBrowserLocale()) ?? "en-US";
  const text = money
    ? formatMoney(value, money, { locale })
    : compact
      ? formatCompact(value, locale)
      : formatNumber(value, locale);
  return <data value={value}>{text}</data>;
}
