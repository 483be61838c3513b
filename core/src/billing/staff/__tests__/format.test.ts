import { describe, expect, it } from "vitest";
import { formatCount, formatMoney, formatRate, toMajorUnits, toMinorUnits } from "../format";

describe("staff billing formats", () => {
  it("formats minor units as money, zero-decimal currencies undivided", () => {
    expect(formatMoney(999, "usd")).toBe("$9.99");
    expect(formatMoney(1_234_567, "usd")).toBe("$12,345.67");
    expect(formatMoney(0, "usd")).toBe("$0.00");
    expect(formatMoney(500, "jpy")).toBe("¥500");
    expect(formatMoney(1999, "eur", "de-DE")).toBe("19,99\u00a0€");
  });

  it("converts between major and minor units without float drift", () => {
    expect(toMinorUnits(12.34, "usd")).toBe(1234);
    expect(toMinorUnits(0.29, "usd")).toBe(29);
    expect(toMinorUnits(500, "JPY")).toBe(500);
    expect(toMajorUnits(1234, "usd")).toBe(12.34);
  });

  it("formats counts and rates; no denominator is a dash", () => {
    expect(formatCount(12345)).toBe("12,345");
    expect(formatRate(0.25)).toBe("25%");
    expect(formatRate(1 / 19)).toBe("5.3%");
    expect(formatRate(null)).toBe("—");
  });
});
