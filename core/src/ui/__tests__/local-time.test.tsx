import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { LocalTime } from "../local-time";

// The server's HTML: readable before any script runs, and the same on every server, whatever its
// own zone or locale (the browser re-formats it for the viewer after hydration).
describe("LocalTime on the server", () => {
  const at = "2026-01-15T20:30:00.000Z";

  it("renders the instant in UTC, said so, in a <time> carrying the ISO instant", () => {
    expect(renderToString(<LocalTime date={at} />)).toBe(
      '<time dateTime="2026-01-15T20:30:00.000Z">15 Jan 2026, 20:30 UTC</time>',
    );
    expect(renderToString(<LocalTime date={new Date(at)} style="date" />)).toContain(">15 Jan 2026</time>");
  });

  it("renders an event's time in the event's zone with its short name", () => {
    expect(renderToString(<LocalTime date={at} timeZone="Europe/Oslo" />)).toContain(">15 Jan 2026, 21:30 CET</time>");
  });

  it("renders a relative time as the absolute one until the browser knows the viewer's clock", () => {
    expect(renderToString(<LocalTime date={at} relative />)).toBe(
      '<time dateTime="2026-01-15T20:30:00.000Z" title="15 Jan 2026, 20:30 UTC">15 Jan 2026, 20:30 UTC</time>',
    );
  });
});
