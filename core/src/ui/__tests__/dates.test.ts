import { describe, expect, it } from "vitest";
import {
  canonicalTimeZone,
  formatDateTime,
  formatRelative,
  supportedTimeZones,
  zonedTimeToInstant,
  zoneShortName,
} from "../dates";

const iso = (d: Date) => d.toISOString();

describe("zonedTimeToInstant", () => {
  it("reads a wall time in the event's zone, winter and summer (Oslo 21:30 is 20:30Z / 19:30Z)", () => {
    expect(zonedTimeToInstant("2026-01-15T21:30", "Europe/Oslo")).toEqual({
      kind: "unique",
      instant: new Date("2026-01-15T20:30:00Z"),
    });
    expect(iso(zonedTimeToInstant("2026-07-15T21:30", "Europe/Oslo").instant)).toBe("2026-07-15T19:30:00.000Z");
    expect(iso(zonedTimeToInstant("2026-07-15T21:30", "America/New_York").instant)).toBe("2026-07-16T01:30:00.000Z");
    expect(iso(zonedTimeToInstant("2026-07-15T21:30:15", "UTC").instant)).toBe("2026-07-15T21:30:15.000Z");
    expect(iso(zonedTimeToInstant("2026-01-15T21:30", "Asia/Kolkata").instant)).toBe("2026-01-15T16:00:00.000Z");
  });

  it("is exact on the days the clocks change, outside the changed hour", () => {
    // Oslo springs forward on 29 March 2026 at 02:00 (to 03:00) and falls back on 25 October at 03:00.
    expect(iso(zonedTimeToInstant("2026-03-29T01:59", "Europe/Oslo").instant)).toBe("2026-03-29T00:59:00.000Z");
    expect(iso(zonedTimeToInstant("2026-03-29T03:00", "Europe/Oslo").instant)).toBe("2026-03-29T01:00:00.000Z");
    expect(iso(zonedTimeToInstant("2026-10-25T01:59", "Europe/Oslo").instant)).toBe("2026-10-24T23:59:00.000Z");
    expect(iso(zonedTimeToInstant("2026-10-25T03:00", "Europe/Oslo").instant)).toBe("2026-10-25T02:00:00.000Z");
  });

  it("says when a wall time falls in a gap (clocks skip it) and moves it forward by the jump", () => {
    expect(zonedTimeToInstant("2026-03-29T02:30", "Europe/Oslo")).toEqual({
      kind: "gap",
      instant: new Date("2026-03-29T01:30:00Z"), // 03:30 CEST
    });
    // New York skips 02:00–03:00 on 8 March 2026.
    expect(zonedTimeToInstant("2026-03-08T02:15", "America/New_York")).toEqual({
      kind: "gap",
      instant: new Date("2026-03-08T07:15:00Z"), // 03:15 EDT
    });
  });

  it("says when a wall time happens twice (clocks go back) and gives both, the earlier first", () => {
    expect(zonedTimeToInstant("2026-10-25T02:30", "Europe/Oslo")).toEqual({
      kind: "overlap",
      instant: new Date("2026-10-25T00:30:00Z"), // 02:30 CEST
      later: new Date("2026-10-25T01:30:00Z"), // 02:30 CET
    });
    // Lord Howe Island falls back by half an hour (02:00 → 01:30) on 5 April 2026.
    const lordHowe = zonedTimeToInstant("2026-04-05T01:45", "Australia/Lord_Howe");
    expect(lordHowe.kind).toBe("overlap");
  });

  it("refuses what is not a wall-clock date-time", () => {
    for (const bad of ["2026-02-30T10:00", "2026-01-15T24:00", "2026-01-15T10:60", "2026-01-15 10:00", "tomorrow"]) {
      expect(() => zonedTimeToInstant(bad, "UTC"), bad).toThrow(RangeError);
    }
  });
});

describe("canonicalTimeZone", () => {
  it("accepts IANA names in any case and returns their canonical spelling", () => {
    expect(canonicalTimeZone("Europe/Oslo")).toBe("Europe/Oslo");
    expect(canonicalTimeZone("europe/oslo")).toBe("Europe/Oslo");
    expect(canonicalTimeZone("UTC")).toBe("UTC");
    expect(canonicalTimeZone("Etc/UTC")).toBe("UTC");
  });

  it("refuses offsets, abbreviations the runtime does not know, and junk", () => {
    for (const bad of ["+01:00", "Mars/Olympus_Mons", "", "Europe/Oslo\n", "../etc/passwd", "a".repeat(80)]) {
      expect(canonicalTimeZone(bad), bad).toBeNull();
    }
  });

  it("offers every zone it accepts, UTC first", () => {
    const zones = supportedTimeZones();
    expect(zones[0]).toBe("UTC");
    expect(zones).toContain("Europe/Oslo");
    expect(new Set(zones).size).toBe(zones.length);
    expect(zones.every((z) => canonicalTimeZone(z) === z)).toBe(true);
  });
});

describe("formatting", () => {
  const winter = new Date("2026-01-15T20:30:00Z");
  const summer = new Date("2026-07-15T19:30:00Z");

  it("shows a time in the event's zone with the zone's short name", () => {
    expect(formatDateTime(winter, { locale: "en-GB", timeZone: "Europe/Oslo" })).toBe("15 Jan 2026, 21:30 CET");
    expect(formatDateTime(summer, { locale: "en-GB", timeZone: "Europe/Oslo" })).toBe("15 Jul 2026, 21:30 CEST");
    expect(formatDateTime(winter, { locale: "en-GB", timeZone: "UTC" })).toBe("15 Jan 2026, 20:30 UTC");
    expect(formatDateTime(winter, { locale: "de-DE", timeZone: "Europe/Oslo" })).toBe("15. Jan. 2026, 21:30 MEZ");
    expect(formatDateTime(winter, { locale: "en-GB", timeZone: "Europe/Oslo", style: "date" })).toBe("15 Jan 2026");
    expect(zoneShortName(summer, "Europe/Oslo", "en-GB")).toBe("CEST");
  });

  it("says how long ago or how soon, in the largest unit that fits", () => {
    const now = new Date("2026-12-03T12:00:00Z");
    const at = (ms: number) => new Date(now.getTime() + ms);
    expect(formatRelative(at(-10_000), now, "en")).toBe("now");
    expect(formatRelative(at(-2 * 60_000), now, "en")).toBe("2 minutes ago");
    expect(formatRelative(at(-3 * 3600_000), now, "en")).toBe("3 hours ago");
    expect(formatRelative(at(-30 * 3600_000), now, "en")).toBe("yesterday");
    expect(formatRelative(at(3 * 24 * 3600_000 + 60_000), now, "en")).toBe("in 3 days");
    expect(formatRelative(at(4 * 60_000), now, "en")).toBe("in 4 minutes");
    expect(formatRelative(at(-400 * 24 * 3600_000), now, "en")).toBe("last year");
    expect(formatRelative(at(-2 * 60_000), now, "de")).toBe("vor 2 Minuten");
  });
});
