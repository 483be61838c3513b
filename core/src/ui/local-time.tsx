"use client";

import { useEffect, useState, useSyncExternalStore } from "react";
import { type DateStyle, formatDateTime, formatRelative } from "./dates";

const noSubscription = () => () => {};

/**
 * False on the server and while the page hydrates, true after: the server cannot know the
 * viewer's zone or locale, and rendering them during hydration would not match its HTML.
 */
function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

/** The browser's IANA time zone once hydrated; null on the server and while hydrating. */
export function useBrowserTimeZone(): string | null {
  return useSyncExternalStore(
    noSubscription,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    () => null,
  );
}

/** The current time, refreshed every 30 seconds while `live`. */
function useNow(live: boolean): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    if (!live) return;
    setNow(new Date());
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, [live]);
  return now;
}

/**
 * A date as a `<time>` element, formatted in the browser with the viewer's locale and zone (or
 * `timeZone`: an event's own). The server's HTML reads the same instant in UTC — or in
 * `timeZone` — with the zone named, so it is right before scripts run, and never a mismatch.
 * `relative`: "2 minutes ago", "in 3 days" once in the browser, the full date in the tooltip.
 */
export function LocalTime({
  date,
  style = "datetime",
  relative = false,
  timeZone,
}: {
  date: Date | string;
  style?: DateStyle;
  relative?: boolean;
  timeZone?: string | undefined;
}) {
  const hydrated = useHydrated();
  const now = useNow(hydrated && relative);
  const d = typeof date === "string" ? new Date(date) : date;
  const server = formatDateTime(d, { locale: "en-GB", timeZone: timeZone ?? "UTC", style });
  const absolute = hydrated ? formatDateTime(d, { timeZone, style }) : server;
  return (
    <time dateTime={d.toISOString()} title={relative ? absolute : undefined}>
      {hydrated && relative ? formatRelative(d, now) : absolute}
    </time>
  );
}
