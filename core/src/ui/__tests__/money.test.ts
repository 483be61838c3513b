import { describe, expect, it } from "vitest";
import { formatMoney } from "../money";

describe("formatMoney", () => {
  it("reads Stripe's minor units in the currency's own decimals", () => {
    expect(formatMoney(999, "usd")).toBe("$9.99");
    expect(formatMoney(49900, "USD")).toBe("$499.00");
    expect(formatMoney(999, "jpy")).toBe("¥999");
    expect(formatMoney(999, "eur", { locale: "de-DE" })).toBe("9,99\u00a0€");
  });

  it("signs credits, and charges when asked", () => {
    expect(formatMoney(-250, "usd")).toBe("-$2.50");
    expect(formatMoney(250, "usd", { signDisplay: "exceptZero" })).toBe("+$2.50");
  });
});
