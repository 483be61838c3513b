import { describe, expect, it } from "vitest";
import { safeNext } from "../../transport/action-result";
import { safeNextPath } from "../safe-next";

const FALLBACK = "/artists";

/**
 * Known open-redirect bypasses. Each must fall back: either a browser would leave the origin on
 * it, or a server would fail to put it in a Location header.
 */
const BYPASSES: [string, string][] = [
  ["tab after the slash (browsers strip it: //evil)", "/\t/evil.example"],
  [
    "encoded tab, as the review found it (query decoding hands over a raw tab)",
    decodeURIComponent("/%09/evil.example"),
  ],
  ["encoded tab left encoded", "/%09/evil.example"],
  ["newline after the slash", "/\n/evil.example"],
  ["carriage return", "/\r/evil.example"],
  ["CRLF header injection", "/artists\r\nSet-Cookie: a=b"],
  ["bare newline inside a path (was a 500)", "/artists\nx"],
  ["NUL", "/\u0000/evil.example"],
  ["C1 control (NEL)", "/\u0085/evil.example"],
  ["DEL", "/\u007f/evil.example"],
  ["protocol-relative", "//evil.example"],
  ["protocol-relative with path", "//evil.example/artists"],
  ["triple slash", "///evil.example"],
  ["slash backslash", "/\\evil.example"],
  ["backslash slash", "\\/evil.example"],
  ["double backslash", "\\\\evil.example"],
  ["backslash inside", "/artists\\..\\..\\evil"],
  ["encoded slashes", "%2F%2Fevil.example"],
  ["slash then encoded slash", "/%2F/evil.example"],
  ["slash then encoded backslash", "/%5Cevil.example"],
  ["encoded slashes, lower case", "/%2f%2fevil.example"],
  ["double-encoded tab", "/%2509/evil.example"],
  ["malformed percent-encoding", "/%E0%A4%A"],
  ["javascript: scheme", "javascript:alert(1)"],
  ["javascript: mixed case", "JaVaScRiPt:alert(1)"],
  ["javascript: after a tab", "\tjavascript:alert(1)"],
  ["data: URL", "data:text/html,<script>alert(1)</script>"],
  ["absolute https", "https://evil.example"],
  ["absolute http", "http://evil.example/artists"],
  ["scheme-relative with userinfo", "//user@evil.example"],
  ["userinfo trick", "https://next.invalid@evil.example"],
  ["userinfo trick on our own host name", "https://localhost:3001@evil.example/"],
  ["leading space", " /artists"],
  ["leading space before //", " //evil.example"],
  ["empty", ""],
  ["relative path without slash", "evil.example"],
  ["dot-relative", "./artists"],
  ["too long", `/${"a".repeat(5000)}`],
];

const ALLOWED: [string, string][] = [
  ["/artists", "/artists"],
  ["/artists/art_123?tab=events#top", "/artists/art_123?tab=events#top"],
  ["/", "/"],
  ["/@evil.example", "/@evil.example"],
  ["/artists/../events", "/events"],
  ["/artists?q=a%20b", "/artists?q=a%20b"],
  ["/café", "/caf%C3%A9"],
];

describe("safeNextPath", () => {
  it.each(BYPASSES)("refuses %s", (_name, raw) => {
    expect(safeNextPath(raw, { fallback: FALLBACK })).toBe(FALLBACK);
  });

  it.each(ALLOWED)("keeps %s on the same origin as %s", (raw, expected) => {
    expect(safeNextPath(raw, { fallback: FALLBACK })).toBe(expected);
  });

  it("refuses what is not a string", () => {
    for (const raw of [undefined, null, 42, {}, ["/artists"]]) {
      expect(safeNextPath(raw, { fallback: FALLBACK })).toBe(FALLBACK);
    }
  });

  it("every accepted value resolves to the current origin, in the browser's own parser", () => {
    for (const origin of ["http://acme.localhost:3001", "https://music.acme.example"]) {
      for (const [raw] of [...ALLOWED, ...BYPASSES]) {
        const out = safeNextPath(raw, { fallback: FALLBACK });
        expect(new URL(out, origin).origin).toBe(origin);
        // A valid header value: no control characters or non-ASCII.
        expect(out).toMatch(/^[\x21-\x7e]+$/);
      }
    }
  });

  it("`within` keeps the path under its prefix, after dot segments are resolved", () => {
    const opts = { fallback: "/console", within: "/console" };
    expect(safeNextPath("/console", opts)).toBe("/console");
    expect(safeNextPath("/console/members?x=1", opts)).toBe("/console/members?x=1");
    expect(safeNextPath("/console/../staff", opts)).toBe("/console");
    expect(safeNextPath("/console/%2e%2e/staff", opts)).toBe("/console");
    expect(safeNextPath("/consoleevil", opts)).toBe("/console");
    expect(safeNextPath("/staff", opts)).toBe("/console");
  });

  it("the transport helper delegates to it", () => {
    expect(safeNext("/\t/evil.example", "/staff")).toBe("/staff");
    expect(safeNext("/staff/tenants", "/staff")).toBe("/staff/tenants");
    expect(safeNext("/staff/tenants", "/console", "/console")).toBe("/console");
  });
});
