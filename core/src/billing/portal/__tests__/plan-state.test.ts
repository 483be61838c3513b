import { describe, expect, it } from "vitest";
import {
  type CurrentItem,
  changeAction,
  isDowngrade,
  itemChanges,
  lookupKeysOf,
  type PlanSelection,
  selectionOf,
} from "../plan-state";

const PRICES = new Map(
  [
    "mw_pro_monthly",
    "mw_pro_yearly",
    "mw_business_monthly",
    "mw_business_yearly",
    "mw_addon_analytics_monthly",
    "mw_addon_analytics_yearly",
    "mw_addon_white_label_monthly",
    "mw_addon_white_label_yearly",
  ].map((k) => [k, `price_${k}`]),
);

const proMonthly: CurrentItem[] = [{ id: "si_plan", lookupKey: "mw_pro_monthly", quantity: 1 }];

describe("selectionOf", () => {
  it("reads plan, interval and add-ons from the items' lookup keys, ignoring foreign items", () => {
    expect(
      selectionOf([
        { id: "si_a", lookupKey: "mw_addon_white_label_yearly", quantity: 1 },
        { id: "si_b", lookupKey: "mw_business_yearly", quantity: 7 },
        { id: "si_c", lookupKey: "someone_elses_price", quantity: 1 },
      ]),
    ).toEqual({ plan: "business", interval: "year", addons: ["white_label"] });
  });

  it("is null for a subscription without a catalog plan (a custom enterprise price)", () => {
    expect(selectionOf([{ id: "si_x", lookupKey: null, quantity: 1 }])).toBeNull();
  });
});

describe("itemChanges", () => {
  it("re-prices the plan item in place on an upgrade, with seats as the quantity for Business", () => {
    expect(itemChanges(proMonthly, { plan: "business", interval: "month", addons: [] }, 4, PRICES)).toEqual([
      { id: "si_plan", price: "price_mw_business_monthly", quantity: 4 },
    ]);
  });

  it("adds and deletes add-on items and leaves matching ones out", () => {
    const current: CurrentItem[] = [
      ...proMonthly,
      { id: "si_wl", lookupKey: "mw_addon_white_label_monthly", quantity: 1 },
    ];
    expect(itemChanges(current, { plan: "pro", interval: "month", addons: ["analytics"] }, 1, PRICES)).toEqual([
      { price: "price_mw_addon_analytics_monthly", quantity: 1 },
      { id: "si_wl", deleted: true },
    ]);
  });

  it("switching to yearly re-prices every item (one interval per subscription)", () => {
    const current: CurrentItem[] = [
      ...proMonthly,
      { id: "si_an", lookupKey: "mw_addon_analytics_monthly", quantity: 1 },
    ];
    expect(itemChanges(current, { plan: "pro", interval: "year", addons: ["analytics"] }, 1, PRICES)).toEqual([
      { id: "si_plan", price: "price_mw_pro_yearly", quantity: 1 },
      { id: "si_an", price: "price_mw_addon_analytics_yearly", quantity: 1 },
    ]);
  });

  it("is empty when the target is what the subscription already sells", () => {
    expect(itemChanges(proMonthly, { plan: "pro", interval: "month", addons: [] }, 9, PRICES)).toEqual([]);
  });

  it("fails loudly when a needed price is unknown", () => {
    expect(() =>
      itemChanges(proMonthly, { plan: "pro", interval: "month", addons: ["api_access"] }, 1, PRICES),
    ).toThrow(/mw_addon_api_access_monthly/);
  });
});

describe("lookupKeysOf / changeAction / isDowngrade", () => {
  it("names the lookup keys a selection needs", () => {
    expect(lookupKeysOf({ plan: "business", interval: "year", addons: ["analytics"] })).toEqual([
      "mw_business_yearly",
      "mw_addon_analytics_yearly",
    ]);
  });

  it("names the change for the audit log", () => {
    const pro: PlanSelection = { plan: "pro", interval: "month", addons: [] };
    expect(changeAction(pro, { ...pro, plan: "business" })).toBe("billing.plan_change");
    expect(changeAction(pro, { ...pro, interval: "year" })).toBe("billing.interval_change");
    expect(changeAction(pro, { ...pro, addons: ["analytics"] })).toBe("billing.addon_add");
    expect(changeAction({ ...pro, addons: ["analytics"] }, pro)).toBe("billing.addon_remove");
    expect(changeAction(pro, { plan: "business", interval: "year", addons: [] })).toBe("billing.subscription_change");
  });

  it("orders plans", () => {
    expect(isDowngrade("business", "pro")).toBe(true);
    expect(isDowngrade("pro", "business")).toBe(false);
  });
});
