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
    ["a-b.c-d.com", "a-b.c-d.com"],
    ["acme.dev", "acme.dev"],
    ["music.acme.bank", "music.acme.bank"],
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
    // Top-level domains must exist (public suffix list, ICANN section); digits never make one.
    ["evil.c0m", /"c0m" is not a top-level domain/],
    ["evil.comm", /"comm" is not a top-level domain we know of/],
    ["acme.zz", /"zz" is not a top-level domain we know of/],
    ["acme.lan", /"lan" is not a top-level domain we know of/],
    ["co.uk", /co\.uk is a public suffix/],
    ["a-b.c-d.example", /"\.example" is reserved for special use/],
    ["shop.test", /"\.test" is reserved for special use/],
    ["nas.local", /"\.local" is reserved/],
    ["db.internal", /"\.internal" is reserved/],
    ["hidden.onion", /"\.onion" is reserved/],
    ["1.0.0.127.in-addr.arpa", /"\.arpa" is reserved/],
    // IDNA drops these silently (`bad\u200b.com` would be stored as `bad.com`): refused by name instead.
    ["bad\u200b.com", /invisible character \(U\+200B zero-width space\)/],
    ["bad\u200d.com", /invisible character \(U\+200D zero-width joiner\)/],
    ["bad\u00ad.com", /invisible character \(U\+00AD soft hyphen\)/],
    ["ba\u2060d.com", /invisible character \(U\+2060 word joiner\)/],
    ["b\ufeffad.com", /invisible character \(U\+FEFF/],
    ["moc.\u202eacme", /text-direction control character \(U\+202E right-to-left override\)/],
    ["acme\u200e.com", /text-direction control character \(U\+200E left-to-right mark\)/],
    ["acme\u0007.com", /control character \(U\+0007\)/],
    // Homographs: one script per label (UTS #39 highly restrictive).
    ["аpple.com", /"аpple" mixes Cyrillic and Latin letters.*xn--pple-43d\.com/],
    ["xn--pple-43d.com", /mixes Cyrillic and Latin letters/],
    ["раураl.com", /mixes Cyrillic and Latin/],
    ["gοοgle.com", /mixes Latin and Greek/],
    ["shop.аpple.com", /mixes Cyrillic and Latin/],
    ["abc١٢.com", /cannot be used in a domain/],
    ["abc১২3.com", /digits of one kind/],
    // Whole-script confusables must be confirmed by typing the punycode form, which the message shows.
    [
      "аре.com",
      /Cyrillic letters that look like the Latin "ape\.com"; its real address is xn--80ak6a\.com\. .*enter it as xn--80ak6a\.com/,
    ],
    ["ορο.com", /Greek letters that look like the Latin "opo\.com".*xn--0xaaf\.com/],
    ["music.сосо.com", /look like the Latin "music\.coco\.com"/],
  ])("%j", (raw, message) => {
    const result = check(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it("accepts a whole-script confusable once it is typed in its punycode form", () => {
    expect(check("xn--80ak6a.com")).toEqual({ ok: true, hostname: "xn--80ak6a.com" });
    expect(check("music.xn--n1aahb.com")).toEqual({ ok: true, hostname: "music.xn--n1aahb.com" });
  });

  it("accepts non-Latin names that do not imitate Latin ones, and lookalikes under their own script's TLD", () => {
    expect(check("пример.рф")).toEqual({ ok: true, hostname: "xn--e1afmkfd.xn--p1ai" });
    expect(check("сосо.рф")).toEqual({ ok: true, hostname: "xn--n1aahb.xn--p1ai" });
    expect(check("ελληνικά.gr")).toEqual({ ok: true, hostname: "xn--hxargifdar.gr" });
    expect(check("日本語abc.jp")).toEqual({ ok: true, hostname: "xn--abc-s08fl0dtz6h.jp" });
  });

  it("accepts the testing TLDs .test and .example only on a development platform (localhost)", () => {
    expect(check("music.harbor.e2e.example", "localhost")).toEqual({ ok: true, hostname: "music.harbor.e2e.example" });
    expect(check("shop.test", "localhost")).toEqual({ ok: true, hostname: "shop.test" });
    expect(check("shop.test", "musicalwheel.app").ok).toBe(false);
    expect(check("shop.local", "localhost").ok).toBe(false);
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
