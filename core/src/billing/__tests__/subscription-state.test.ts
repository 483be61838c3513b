import { describe, expect, it } from "vitest";
import type { Stripe } from "../../adapters/stripe";
import { describeChange, pickCurrentSubscription, readOverrides, subscriptionState } from "../subscription-state";

const T0 = 1_780_000_000;

function price(
  id: string,
  lookupKey: string | null,
  unit: number,
  interval: "month" | "year",
  product = "mw_plan_pro",
) {
  return {
    id,
    object: "price",
    lookup_key: lookupKey,
    metadata: {},
    unit_amount: unit,
    recurring: { interval, interval_count: 1 },
    product,
    currency: "usd",
  };
}

function item(p: ReturnType<typeof price>, quantity = 1) {
  return { id: `si_${p.id}`, price: p, quantity, current_period_start: T0, current_period_end: T0 + 30 * 86400 };
}

function sub(over: Partial<Record<string, unknown>> & { items: ReturnType<typeof item>[] }): Stripe.Subscription {
  const { items, ...rest } = over;
  return {
    id: "sub_1",
    object: "subscription",
    customer: "cus_1",
    status: "active",
    created: T0,
    currency: "usd",
    cancel_at_period_end: false,
    canceled_at: null,
    trial_end: null,
    collection_method: "charge_automatically",
    days_until_due: null,
    default_payment_method: null,
    discounts: [],
    items: { object: "list", data: items, has_more: false, url: "/v1/subscription_items" },
    ...rest,
  } as unknown as Stripe.Subscription;
}

describe("subscriptionState", () => {
  it("reads the plan and its interval from the plan item's lookup key, seats from its quantity", () => {
    const s = subscriptionState(
      sub({ items: [item(price("price_b", "mw_business_yearly", 29990, "year", "mw_plan_business"), 7)] }),
    );
    expect(s).toMatchObject({ plan: "business", pricedPlan: "business", interval: "year", seats: 7, addons: [] });
    // 299.90 × 7 a year is 174.94 a month.
    expect(s.mrrCents).toBe(Math.round((29990 * 7) / 12));
    expect(s.currentPeriodStart).toEqual(new Date(T0 * 1000));
  });

  it("adds the add-ons its items pay for, in catalog order", () => {
    const s = subscriptionState(
      sub({
        items: [
          item(price("price_p", "mw_pro_monthly", 999, "month")),
          item(price("price_w", "mw_addon_white_label_monthly", 49900, "month", "mw_addon_white_label")),
          item(price("price_a", "mw_addon_analytics_monthly", 999, "month", "mw_addon_analytics")),
        ],
      }),
    );
    expect(s.plan).toBe("pro");
    expect(s.addons).toEqual(["analytics", "white_label"]);
    expect(s.mrrCents).toBe(999 + 49900 + 999);
  });

  it("takes a trialing subscription's plan but counts no revenue yet", () => {
    const s = subscriptionState(
      sub({
        status: "trialing",
        trial_end: T0 + 14 * 86400,
        items: [item(price("p", "mw_pro_monthly", 999, "month"))],
      }),
    );
    expect(s).toMatchObject({ plan: "pro", status: "trialing", mrrCents: 0 });
    expect(s.trialEnd).toEqual(new Date((T0 + 14 * 86400) * 1000));
  });

  it.each(["canceled", "incomplete_expired", "incomplete", "paused"])("gives Free for a %s subscription", (status) => {
    const s = subscriptionState(
      sub({
        status,
        canceled_at: status === "canceled" ? T0 : null,
        items: [
          item(price("p", "mw_business_monthly", 2999, "month", "mw_plan_business")),
          item(price("a", "mw_addon_api_access_monthly", 9900, "month", "mw_addon_api_access")),
        ],
      }),
    );
    expect(s).toMatchObject({
      plan: "free",
      addons: [],
      pricedPlan: "business",
      pricedAddons: ["api_access"],
      mrrCents: 0,
    });
  });

  it("keeps past_due and unpaid on their plan (dunning restricts, not the plan)", () => {
    for (const status of ["past_due", "unpaid"]) {
      const s = subscriptionState(sub({ status, items: [item(price("p", "mw_pro_monthly", 999, "month"))] }));
      expect(s).toMatchObject({ plan: "pro", mrrCents: 999 });
    }
  });

  it("recognises an enterprise deal by its product and records the custom price", () => {
    const s = subscriptionState(
      sub({
        collection_method: "send_invoice",
        days_until_due: 30,
        items: [item(price("price_custom", null, 250000, "month", "mw_plan_enterprise"))],
      }),
    );
    expect(s).toMatchObject({
      plan: "enterprise",
      customPriceId: "price_custom",
      collectionMethod: "send_invoice",
      daysUntilDue: 30,
      mrrCents: 250000,
      unknownPrices: [],
    });
  });

  it("reports prices it does not know instead of guessing", () => {
    const s = subscriptionState(sub({ items: [item(price("price_x", "someone_elses", 100, "month", "prod_x"))] }));
    expect(s).toMatchObject({ plan: "free", unknownPrices: ["price_x"] });
  });

  it("applies a 100 % coupon to the revenue and records it", () => {
    const s = subscriptionState(
      sub({
        discounts: [
          { id: "di_1", source: { type: "coupon", coupon: { id: "comp100", percent_off: 100, amount_off: null } } },
        ],
        items: [item(price("p", "mw_pro_monthly", 999, "month"))],
      }),
    );
    expect(s).toMatchObject({ couponId: "comp100", mrrCents: 0, plan: "pro" });
  });

  it("shows the card of the expanded payment method, the customer's when the subscription has none", () => {
    const card = (last4: string) => ({
      id: "pm",
      object: "payment_method",
      card: { brand: "visa", last4, exp_month: 4, exp_year: 2030 },
    });
    const own = subscriptionState(sub({ default_payment_method: card("4242"), items: [] }), card("0000") as never);
    expect(own.paymentMethod).toEqual({ brand: "visa", last4: "4242", expMonth: 4, expYear: 2030 });
    const fallback = subscriptionState(sub({ items: [] }), card("1881") as never);
    expect(fallback.paymentMethod?.last4).toBe("1881");
    // Not expanded: unknown, so the stored one is kept.
    expect(subscriptionState(sub({ default_payment_method: "pm_1", items: [] })).paymentMethod).toBeUndefined();
  });
});

describe("pickCurrentSubscription", () => {
  it("prefers the newest live subscription over a newer ended one", () => {
    const subs = [
      { id: "old_active", status: "active", created: 1 },
      { id: "new_canceled", status: "canceled", created: 3 },
      { id: "mid_trial", status: "trialing", created: 2 },
    ];
    expect(pickCurrentSubscription(subs)?.id).toBe("mid_trial");
    expect(pickCurrentSubscription(subs.filter((s) => s.status === "canceled"))?.id).toBe("new_canceled");
    expect(pickCurrentSubscription([])).toBeNull();
  });
});

describe("readOverrides", () => {
  it("reads stored overrides and refuses what is not one", () => {
    expect(readOverrides({ enable: ["sso"], limits: { members: 500 } })).toEqual({
      enable: ["sso"],
      limits: { members: 500 },
    });
    expect(readOverrides({})).toEqual({});
    expect(readOverrides({ enable: ["teleport"] })).toBeNull();
  });
});

describe("describeChange", () => {
  it("says what changed in words", () => {
    expect(
      describeChange(
        { plan: "pro", addons: ["white_label"], status: "trialing" },
        { plan: "business", addons: ["analytics"], status: "active" },
      ),
    ).toEqual(["plan pro → business", "add-ons +analytics −white_label", "status trialing → active"]);
    expect(
      describeChange({ plan: "pro", addons: [], status: "active" }, { plan: "pro", addons: [], status: "active" }),
    ).toEqual([]);
  });
});
