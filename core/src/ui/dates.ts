/**
 * Dates and times as people read them, with `Intl` only: in the viewer's locale and time zone
 * (`LocalTime` formats on the client, where those are known), or in an event's own zone. Pure
 * functions, shared by both apps and the verbs that take a local date-time.
 */

export type DateStyle = "date" | "datetime";

const DATE: Intl.DateTimeFormatOptions = { year: "numeric", month: "short", day: "numeric" };
const DATE_TIME: Intl.DateTimeFormatOptions = { ...DATE, hour: "numeric", minute: "2-digit" };

/**
 * `date` in `timeZone` (the viewer's when omitted), e.g. "15 Jan 2026, 21:30 CET". The zone's
 * short name is added to date-times: a time without one is ambiguous the moment two people read it.
 */
export function formatDateTime(
  date: Date,
  options: { locale?: string | undefined; timeZone?: string | undefined; style?: DateStyle } = {},
): string {
  const style = options.style ?? "datetime";
  return new Intl.DateTimeFormat(options.locale, {
    ...(style === "date" ? DATE : { ...DATE_TIME, timeZoneName: "short" }),
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  }).format(date);
}

/** The zone's short name at that instant: "CET" in winter and "CEST" in summer for Europe/Oslo (en-GB). */
export function zoneShortName(date: Date, timeZone: string, locale?: string): string {
  const parts = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "short" }).formatToParts(date);
  return parts.find((p) => p.type === "timeZoneName")?.value ?? timeZone;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600_000],
  ["month", 30 * 24 * 3600_000],
  ["week", 7 * 24 * 3600_000],
  ["day", 24 * 3600_000],
  ["hour", 3600_000],
  ["minute", 60_000],
  ["second", 1000],
];

/**
 * "2 minutes ago", "in 3 days", "yesterday": the largest unit that fits, rounded toward zero so
 * that 47 hours ago is "yesterday" rather than "2 days ago" only once two days have passed.
 * Under 45 seconds reads as "now".
 */
export function formatRelative(date: Date, now: Date, locale?: string): string {
  const diff = date.getTime() - now.getTime();
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  if (Math.abs(diff) < 45_000) return rtf.format(0, "second");
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms || unit === "second") return rtf.format(Math.trunc(diff / ms), unit);
  }
  return rtf.format(0, "second");
}

let zones: ReadonlySet<string> | undefined;

/** IANA zones this runtime knows, for pickers and validation ("UTC" included, which Intl lists apart). */
export function supportedTimeZones(): readonly string[] {
  return ["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")];
}

/**
 * The canonical spelling of an IANA zone name ("europe/oslo" → "Europe/Oslo", "Etc/UTC" → "UTC"),
 * or null for anything else: offsets like "+01:00" and names the runtime's Intl data lacks.
 */
export function canonicalTimeZone(name: string): string | null {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(name)) return null;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat("en", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
  zones ??= new Set(supportedTimeZones());
  return zones.has(resolved) ? resolved : null;
}

/** A wall-clock date-time without a zone, as `<input type="datetime-local">` sends it. */
export const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

export type ZonedInstant =
  /** The wall time happens exactly once in the zone. */
  | { kind: "unique"; instant: Date }
  /** Clocks went back: it happens twice; `instant` is the first, `later` the second. */
  | { kind: "overlap"; instant: Date; later: Date }
  /** Clocks went forward over it: it never happens; `instant` is the same wall time after the jump. */
  | { kind: "gap"; instant: Date };

/** Offset of `timeZone` from UTC at `instant`, in milliseconds (Oslo in winter: +3,600,000). */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(n("year"), n("month") - 1, n("day"), n("hour"), n("minute"), n("second"));
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant a wall-clock time in `timeZone` names ("2026-01-15T21:30" in Europe/Oslo is
 * 20:30Z). DST-safe: the candidates are the wall time minus the zone's offsets a day either side
 * (a zone changes offset at most once in that window), and a candidate counts only if it reads
 * back as the same wall time. None reads back: a gap (disambiguated as Temporal's "compatible"
 * does: moved forward by the jump). Two: an overlap.
 */
export function zonedTimeToInstant(local: string, timeZone: string): ZonedInstant {
  const m = LOCAL_DATE_TIME.exec(local);
  if (!m) throw new RangeError(`not a local date-time: ${local}`);
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(wall);
  const same = [check.getUTCMonth() + 1, check.getUTCDate(), check.getUTCHours(), check.getUTCMinutes()];
  if (same.join() !== [mo, d, h, mi].join()) {
    throw new RangeError(`not a calendar date-time: ${local}`);
  }
  const DAY = 24 * 3600_000;
  const offsets = [
    ...new Set([zoneOffsetMs(new Date(wall - DAY), timeZone), zoneOffsetMs(new Date(wall + DAY), timeZone)]),
  ];
  const matches = offsets
    .map((offset) => wall - offset)
    .filter((t) => t + zoneOffsetMs(new Date(t), timeZone) === wall)
    .sort((a, b) => a - b);
  const [first, second] = matches;
  if (first !== undefined && second !== undefined && first !== second) {
    return { kind: "overlap", instant: new Date(first), later: new Date(second) };
  }
  if (first !== undefined) return { kind: "unique", instant: new Date(first) };
  // In a gap: the offset before the jump puts the wall time after it, by the size of the jump.
  const before = zoneOffsetMs(new Date(wall - DAY), timeZone);
  return { kind: "gap", instant: new Date(wall - before) };
}
