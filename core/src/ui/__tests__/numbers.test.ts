import { describe, expect, it } from "vitest";
import { formatMoney } from "../money";
import { formatCompact, formatCount, formatNumber, preferredLocale, usableLocale } from "../numbers";

describe("numbers in the reader's locale", () => {
  it("groups digits as the locale does", () => {
    expect(formatNumber(1234567, "en-US")).toBe("1,234,567");
    expect(formatNumber(1234567, "de-DE")).toBe("1.234.567");
    // French groups with a narrow no-break space.
    expect(formatNumber(1234567, "fr-FR")).toBe("1\u202f234\u202f567");
    expect(formatNumber(12.6, "en-US")).toBe("13");
  });

  it("shortens large numbers for axes", () => {
    expect(formatCompact(1200, "en-US")).toBe("1.2K");
    expect(formatCompact(3_400_000, "en-US")).toBe("3.4M");
    expect(formatCompact(42, "en-US")).toBe("42");
  });

  it("formats money from minor units in its currency (money.ts)", () => {
    expect(formatMoney(999, "usd", { locale: "en-US" })).toBe("$9.99");
    expect(formatMoney(999, "EUR", { locale: "de-DE" })).toBe("9,99\u00a0€");
    expect(formatMoney(500, "JPY", { locale: "en-US" })).toBe("¥500");
  });

  it("counts with the noun in singular or plural", () => {
    expect(formatCount(1, "tenant", undefined, "en-US")).toBe("1 tenant");
    expect(formatCount(0, "tenant", undefined, "en-US")).toBe("0 tenants");
    expect(formatCount(2048, "run", undefined, "en-US")).toBe("2,048 runs");
    expect(formatCount(3, "person", "people", "en-US")).toBe("3 people");
  });

  it("reads the viewer's locale from Accept-Language, by weight, ignoring junk", () => {
    expect(preferredLocale("nb-NO,nb;q=0.9,en;q=0.8")).toBe("nb-NO");
    expect(preferredLocale("en;q=0.5, de-DE;q=0.9")).toBe("de-DE");
    expect(preferredLocale("*;q=1, fr")).toBe("fr");
    expect(preferredLocale("not a locale!!, es-MX")).toBe("es-MX");
    expect(preferredLocale("")).toBe("en-US");
    expect(preferredLocale(null, "en-GB")).toBe("en-GB");
    expect(preferredLocale("x;q=0")).toBe("en-US");
  });

  it("survives locale tags Intl rejects, as browsers report them", () => {
    // Chromium in a POSIX environment: navigator.language is "en-US@posix".
    expect(usableLocale("en-US@posix")).toBe("en-US");
    expect(usableLocale("not a tag")).toBeUndefined();
    expect(usableLocale(null)).toBeUndefined();
    expect(() => formatNumber(1234, "en-US@posix")).not.toThrow();
    expect(formatNumber(1234, "en-US@posix")).toBe("1,234");
    expect(formatCompact(1500, "!!")).toMatch(/1\.5K|1,5/);
    expect(formatCount(2, "run", undefined, "xx-invalid-@@")).toMatch(/^2 runs$/);
  });
});
