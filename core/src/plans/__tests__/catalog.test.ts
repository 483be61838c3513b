import { describe, expect, it } from "vitest";
import {
  ADDON_IDS,
  ADDONS,
  catalogPriceOf,
  catalogPrices,
  catalogProducts,
  lookupKeyFor,
  PLANS,
  priceByLookupKey,
  YEARLY_MONTHS_CHARGED,
} from "../catalog";

describe("plan catalog → Stripe prices", () => {
  it("has a monthly and a yearly price for Pro, Business and every add-on, yearly = 10 × monthly", () => {
    const prices = catalogPrices();
    expect(prices).toHaveLength(2 * 2 + 2 * ADDON_IDS.length);
    expect(new Set(prices.map((p) => p.lookupKey)).size).toBe(prices.length);
    for (const p of prices.filter((x) => x.interval === "year")) {
      const monthly = prices.find((m) => m.ref === p.ref && m.interval === "month");
      expect(p.unitAmountCents).toBe((monthly?.unitAmountCents ?? 0) * YEARLY_MONTHS_CHARGED);
    }
    expect(priceByLookupKey("mw_business_yearly")).toMatchObject({
      ref: "business",
      unitAmountCents: 29990,
      perSeat: true,
    });
    expect(priceByLookupKey("mw_addon_api_access_monthly")).toMatchObject({ kind: "addon", unitAmountCents: 9900 });
    expect(priceByLookupKey("mw_free_monthly")).toBeNull();
  });

  it("bills Business per seat and Pro per subscription", () => {
    expect(PLANS.business.perSeat).toBe(true);
    expect(PLANS.pro.perSeat).toBe(false);
  });

  it("has products for the paid plans (Enterprise without a list price) and the add-ons", () => {
    const ids = catalogProducts().map((p) => p.productId);
    expect(ids).toEqual(expect.arrayContaining(["mw_plan_pro", "mw_plan_business", "mw_plan_enterprise"]));
    expect(ids).not.toContain("mw_plan_free");
    expect(catalogPrices().some((p) => p.ref === "enterprise")).toBe(false);
  });

  it("finds lookup keys both ways and maps keyless prices by metadata", () => {
    expect(lookupKeyFor({ plan: "pro" }, "year")).toBe("mw_pro_yearly");
    expect(lookupKeyFor({ plan: "free" }, "month")).toBeNull();
    expect(lookupKeyFor({ addon: "white_label" }, "month")).toBe(ADDONS.white_label.lookupKey);
    expect(
      catalogPriceOf({ lookup_key: null, metadata: { mw_kind: "addon", mw_ref: "analytics", mw_interval: "year" } }),
    ).toMatchObject({ lookupKey: "mw_addon_analytics_yearly" });
    expect(catalogPriceOf({ lookup_key: null, metadata: {} })).toBeNull();
  });
});
