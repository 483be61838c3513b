import { describe, expect, it } from "vitest";
import { validateCustomHostname } from "../hostname";

const opts = { platformDomain: "musicalwheel.app" };
const check = (raw: string, platformDomain = opts.platformDomain) => validateCustomHostname(raw, { platformDomain });

describe("validateCustomHostname: accepted and normalized", () => {
  it.each([
    ["music.acme.com", "music.acme.com"],
    ["acme.com", "acme.com"],
    ["  Music.ACME.com  ", "music.acme.com"],
    ["music.acme.com.", "music.acme.com"],
    ["shop.acme.co.uk", "shop.acme.co.uk"],
    ["a-b.c-d.example", "a-b.c-d.example"],
    ["123.acme.com", "123.acme.com"],
    ["münchen.de", "xn--mnchen-3ya.de"],
    ["MÜNCHEN.DE", "xn--mnchen-3ya.de"],
    ["xn--mnchen-3ya.de", "xn--mnchen-3ya.de"],
    ["例え.jp", "xn--r8jz45g.jp"],
    ["shop.xn--p1ai", "shop.xn--p1ai"],
    [`${"a".repeat(63)}.com`, `${"a".repeat(63)}.com`],
    // The platform's own name inside another domain is not the platform's domain.
    ["musicalwheel.app.acme.com", "musicalwheel.app.acme.com"],
    ["notmusicalwheel.app", "notmusicalwheel.app"],
  ])("%j → %j", (raw, hostname) => {
    expect(check(raw)).toEqual({ ok: true, hostname });
  });

  it("accepts a name of exactly 253 characters", () => {
    const name = `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(57)}.com`;
    expect(name).toHaveLength(253);
    expect(check(name)).toEqual({ ok: true, hostname: name });
  });
});

describe("validateCustomHostname: refused, with a message that says why", () => {
  it.each([
    ["", /Enter a domain name/],
    ["   ", /Enter a domain name/],
    ["https://music.acme.com", /without "http:\/\/" or "https:\/\/"/],
    ["http://music.acme.com/", /without "http:\/\/"/],
    ["HTTPS://acme.com", /without "http:\/\/"/],
    ["//acme.com", /without "http:\/\/"/],
    ["ftp://acme.com", /without "http:\/\/"/],
    ["music.acme.com/path", /without a path/],
    ["music.acme.com?x=1", /without a path/],
    ["music.acme.com#top", /without a path/],
    ["music.acme.com\\x", /without a path/],
    ["music.acme.com:8080", /Leave out the port/],
    ["music.acme.com:", /Leave out the port/],
    ["user@music.acme.com", /without a user name/],
    ["1.2.3.4", /IP address/],
    ["10.0.0.1.", /IP address/],
    ["999.1.1.1", /IP address/],
    ["[::1]", /IP address/],
    ["[2001:db8::1]:443", /IP address/],
    ["2001:db8::1", /IP address/],
    ["::ffff:1.2.3.4", /IP address/],
    ["localhost", /localhost cannot be a custom domain/],
    ["LOCALHOST.", /localhost cannot be a custom domain/],
    ["tenant.localhost", /localhost cannot be a custom domain/],
    ["a.b.localhost", /localhost cannot be a custom domain/],
    ["musicalwheel.app", /provided by us already/],
    ["acme.musicalwheel.app", /provided by us already/],
    ["Deep.Acme.MusicalWheel.App.", /provided by us already/],
    ["*.acme.com", /Wildcard domains/],
    ["*", /Wildcard domains/],
    ["music.*.com", /Wildcard domains/],
    ["acme", /full domain name with a dot/],
    ["com.", /full domain name with a dot/],
    [".acme.com", /two dots in a row|start or end with a dot/],
    ["acme..com", /two dots in a row/],
    ["acme.com..", /start or end with a dot/],
    ["-acme.com", /cannot start or end with a hyphen/],
    ["acme-.com", /cannot start or end with a hyphen/],
    ["music.acme.com-", /cannot start or end with a hyphen/],
    ["my_site.acme.com", /"_" is not allowed/],
    ["acme!.com", /"!" is not allowed/],
    ["acme$.com", /"\$" is not allowed/],
    ["music acme.com", /cannot contain spaces/],
    ["music\tacme.com", /cannot contain spaces/],
    ["acme.c0m1", /not a top-level domain/],
    ["acme.123", /not a top-level domain/],
    ["acme.c", /not a top-level domain/],
    [`${"a".repeat(64)}.com`, /64 characters long; each part can have at most 63/],
    [
      `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(58)}.com`,
      /too long \(254 characters; at most 253\)/,
    ],
    ["x".repeat(2000), /too long/],
  ])("%j", (raw, message) => {
    const result = check(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it("treats the platform domain case- and dot-insensitively", () => {
    expect(check("acme.musicalwheel.app", " MusicalWheel.App. ").ok).toBe(false);
  });

  it("refuses *.localhost also when the platform domain is localhost (development)", () => {
    const result = check("acme.localhost", "localhost");
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/localhost/) });
  });

  it("never returns anything but a lower-case ASCII name", () => {
    for (const raw of ["Ünïcödé.Example", "ÀÉÎ.fr", "ΔΔ.gr", "Straße.de"]) {
      const result = check(raw);
      if (result.ok) expect(result.hostname).toMatch(/^[a-z0-9.-]+$/);
    }
  });
});
