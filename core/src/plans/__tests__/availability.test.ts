import { describe, expect, it } from "vitest";
import { buildMemberAbility } from "../../authz/ability";
import type { TenantCtx } from "../../context";
import { LimitExceededError } from "../../errors";
import { featureAvailability, limitFor, limitHeldByDunning, nextPlanForLimit } from "../availability";
import { type AddonId, computeEntitlements, FEATURES, type Feature, PLAN_IDS, type PlanId } from "../catalog";
import { FeatureUnavailableError } from "../errors";
import { assertFeature, assertWithinLimit } from "../guards";

// Written out by hand from the seed catalog (DESIGN: Plans), not derived from `PLANS`, so a catalog
// edit that changes who gets what has to be made here too, on purpose.
type Expected = true | { requiredPlan: PlanId | null; addon: AddonId | null };
const EXPECTED: Record<PlanId, Record<Feature, Expected>> = {
  free: {
    events: { requiredPlan: "pro", addon: null },
    analytics: { requiredPlan: "business", addon: "analytics" },
    verified_badge: { requiredPlan: "business", addon: "verified_badge" },
    api_access: { requiredPlan: "enterprise", addon: "api_access" },
    white_label: { requiredPlan: "enterprise", addon: "white_label" },
    custom_domains: { requiredPlan: "pro", addon: null },
    sso: { requiredPlan: "enterprise", addon: null },
    audit_export: { requiredPlan: "business", addon: null },
  },
  pro: {
    events: true,
    analytics: { requiredPlan: "business", addon: "analytics" },
    verified_badge: { requiredPlan: "business", addon: "verified_badge" },
    api_access: { requiredPlan: "enterprise", addon: "api_access" },
    white_label: { requiredPlan: "enterprise", addon: "white_label" },
    custom_domains: true,
    sso: { requiredPlan: "enterprise", addon: null },
    audit_export: { requiredPlan: "business", addon: null },
  },
  business: {
    events: true,
    analytics: true,
    verified_badge: true,
    api_access: { requiredPlan: "enterprise", addon: "api_access" },
    white_label: { requiredPlan: "enterprise", addon: "white_label" },
    custom_domains: true,
    sso: { requiredPlan: "enterprise", addon: null },
    audit_export: true,
  },
  enterprise: {
    events: true,
    analytics: true,
    verified_badge: true,
    api_access: true,
    white_label: true,
    custom_domains: true,
    sso: true,
    audit_export: true,
  },
};

const tenantOn = (plan: PlanId, extra: { status?: string; addons?: AddonId[] } = {}) => ({
  plan,
  entitlements: computeEntitlements(plan, extra.addons ?? []),
  ...(extra.status ? { status: extra.status } : {}),
});

describe("featureAvailability: plan × feature", () => {
  const cases = PLAN_IDS.flatMap((plan) =>
    FEATURES.map((feature) => [plan, feature, EXPECTED[plan][feature]] as const),
  );
  it.each(cases)("%s / %s", (plan, feature, expected) => {
    const result = featureAvailability(tenantOn(plan, { status: "active" }), feature);
    if (expected === true) {
      expect(result).toEqual({ available: true });
    } else {
      expect(result).toMatchObject({ available: false, reason: "plan", ...expected });
      if (result.available) return;
      expect(result.message).not.toMatch(/billing|upgrade|\$/i);
      expect(result.adminMessage).toMatch(/Upgrade in Billing\.|Contact sales to upgrade\./);
    }
  });

  it("tells admins which plan or add-on to buy", () => {
    const msg = (plan: PlanId, feature: Feature) => {
      const r = featureAvailability(tenantOn(plan), feature);
      return r.available ? null : r.adminMessage;
    };
    expect(msg("free", "events")).toBe("Events are available on the Pro plan and above. Upgrade in Billing.");
    expect(msg("pro", "analytics")).toBe(
      "Analytics is available on the Business plan and above, or as the Analytics add-on ($9.99/month). Upgrade in Billing.",
    );
    expect(msg("business", "api_access")).toBe(
      "API access is available on the Enterprise plan, or as the API access add-on ($99/month). Upgrade in Billing.",
    );
    expect(msg("free", "sso")).toBe("Single sign-on is available on the Enterprise plan. Contact sales to upgrade.");
  });
});

describe("featureAvailability: add-ons and overrides", () => {
  it("an add-on grants its feature on any plan", () => {
    expect(featureAvailability(tenantOn("free", { addons: ["analytics"] }), "analytics")).toEqual({ available: true });
    expect(featureAvailability(tenantOn("pro", { addons: ["white_label"] }), "white_label").available).toBe(true);
    expect(featureAvailability(tenantOn("free", { addons: ["analytics"] }), "events").available).toBe(false);
  });

  it("an enterprise override can switch a feature off; upgrading would not help, so none is offered", () => {
    const tenant = { plan: "enterprise", entitlements: computeEntitlements("enterprise", [], { disable: ["events"] }) };
    const result = featureAvailability(tenant, "events");
    expect(result).toMatchObject({ available: false, reason: "plan", requiredPlan: null, addon: null });
    expect(result.available ? "" : result.adminMessage).toMatch(/agreement/);
  });

  it("an override can switch a feature on below its plan", () => {
    const tenant = { plan: "pro", entitlements: computeEntitlements("pro", [], { enable: ["sso"] }) };
    expect(featureAvailability(tenant, "sso")).toEqual({ available: true });
  });

  it("reads unreadable entitlements as the Free plan's and falls back to their plan for an unknown plan id", () => {
    expect(featureAvailability({ plan: "pro", entitlements: { junk: true } }, "events").available).toBe(false);
    expect(
      featureAvailability({ plan: "legacy_gold", entitlements: computeEntitlements("pro") }, "analytics"),
    ).toMatchObject({ requiredPlan: "business" });
  });
});

describe("featureAvailability: suspension, flags and dunning", () => {
  it.each(["suspended", "offboarding", "deleted"])("a %s tenant uses nothing, whatever its plan", (status) => {
    const result = featureAvailability(tenantOn("enterprise", { status }), "events");
    expect(result).toMatchObject({ available: false, reason: "suspended", requiredPlan: null, addon: null });
    expect(result.available ? "" : result.message).toContain(status);
  });

  it.each(["active", "provisioning", undefined])("status %s does not close the tenant", (status) => {
    expect(featureAvailability(tenantOn("pro", status ? { status } : {}), "events")).toEqual({ available: true });
  });

  it("a flag explicitly off takes the feature away; a flag on never grants one", () => {
    expect(featureAvailability(tenantOn("pro"), "events", { flags: { events: false } })).toMatchObject({
      available: false,
      reason: "flag",
      requiredPlan: null,
    });
    expect(featureAvailability(tenantOn("pro"), "events", { flags: { analytics: false } })).toEqual({
      available: true,
    });
    expect(featureAvailability(tenantOn("free"), "events", { flags: { events: true } })).toMatchObject({
      reason: "plan",
    });
  });

  // The dunning table: state × intent → decision (ok and past due change nothing but a warning).
  it.each([
    ["ok", "use", true, undefined],
    ["ok", "read", true, undefined],
    ["past_due", "use", true, "past_due"],
    ["past_due", "read", true, "past_due"],
    ["restricted", "use", false, undefined],
    ["restricted", "read", true, "restricted"],
    ["suspended", "use", false, undefined],
    ["suspended", "read", false, undefined],
  ] as const)("dunning %s, intent %s → available %s (warning %s)", (dunning, intent, available, warning) => {
    const result = featureAvailability(tenantOn("pro"), "events", { dunning }, intent);
    expect(result.available).toBe(available);
    if (result.available) expect(result.warning?.reason).toBe(warning);
    else expect(result).toMatchObject({ reason: "dunning", requiredPlan: null, addon: null });
  });

  it("says to pay, not to upgrade, while restricted or suspended for an unpaid invoice", () => {
    const restricted = featureAvailability(tenantOn("business"), "analytics", { dunning: "restricted" });
    expect(restricted.available ? "" : restricted.adminMessage).toMatch(/invoice is unpaid.*Billing/);
    expect(restricted.available ? "" : restricted.message).not.toMatch(/invoice|Billing/);
    const suspended = featureAvailability(tenantOn("business"), "analytics", { dunning: "suspended" });
    expect(suspended.available ? "" : suspended.adminMessage).toMatch(/suspended because an invoice is unpaid/);
    const read = featureAvailability(tenantOn("pro"), "events", { dunning: "restricted" }, "read");
    expect(read.available && read.warning?.adminMessage).toMatch(/read-only/);
  });

  it("reading while restricted still needs the plan: it keeps data, it grants nothing", () => {
    expect(featureAvailability(tenantOn("free"), "events", { dunning: "restricted" }, "read")).toMatchObject({
      reason: "plan",
    });
  });

  it("reports the reason that would actually fix it: suspension, then dunning, then flag, then plan", () => {
    const all = { flags: { events: false }, dunning: "restricted" as const };
    expect(featureAvailability(tenantOn("free", { status: "suspended" }), "events", all)).toMatchObject({
      reason: "suspended",
    });
    expect(featureAvailability(tenantOn("free"), "events", all)).toMatchObject({ reason: "dunning" });
    expect(featureAvailability(tenantOn("free"), "events", { flags: { events: false } })).toMatchObject({
      reason: "flag",
    });
  });
});

describe("limits", () => {
  it("reads limits from the stored entitlements, overrides included; null is unlimited", () => {
    expect(limitFor(tenantOn("free"), "artists")).toBe(10);
    expect(limitFor(tenantOn("pro"), "members")).toBe(25);
    expect(limitFor(tenantOn("business"), "artists")).toBeNull();
    const custom = { entitlements: computeEntitlements("enterprise", [], { limits: { artists: 42 } }) };
    expect(limitFor(custom, "artists")).toBe(42);
  });

  it("holds a restricted or suspended tenant to the Free plan's limits, and says to pay", () => {
    const business = { entitlements: computeEntitlements("business") };
    expect(limitFor(business, "artists", { dunning: "restricted" })).toBe(10);
    expect(limitFor(business, "artists", { dunning: "suspended" })).toBe(10);
    expect(limitFor(business, "artists", { dunning: "past_due" })).toBeNull();
    expect(limitFor(tenantOn("pro"), "members", { dunning: "restricted" })).toBe(5);
    expect(limitHeldByDunning(business, "artists", { dunning: "restricted" })).toBe(true);
    expect(limitHeldByDunning(tenantOn("free"), "artists", { dunning: "restricted" })).toBe(false);
    const ctx = { ...business, signals: { dunning: "restricted" as const } };
    expect(() => assertWithinLimit(ctx, "artists", 9)).not.toThrow();
    expect(() => assertWithinLimit(ctx, "artists", 40)).toThrow(
      "The latest invoice is unpaid, so your organization is limited to the Free plan's 10 artists until it is paid. Pay it in Billing to add more.",
    );
  });

  it("assertWithinLimit lets the last one in and refuses the next, naming the plan to upgrade to", () => {
    const ctx = { entitlements: computeEntitlements("free") };
    expect(() => assertWithinLimit(ctx, "artists", 9)).not.toThrow();
    const err = (() => {
      try {
        assertWithinLimit(ctx, "artists", 10);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(LimitExceededError);
    expect(err).toMatchObject({ limit: "artists", max: 10, status: 402 });
    expect((err as Error).message).toBe(
      "The Free plan allows up to 10 artists. Upgrade to Pro in Billing for up to 500 artists.",
    );
    expect(() => assertWithinLimit({ entitlements: computeEntitlements("business") }, "artists", 1e6)).not.toThrow();
    expect(nextPlanForLimit("pro", "artists", 500)).toBe("business");
    expect(nextPlanForLimit("enterprise", "artists", 42)).toBeNull();
  });
});

describe("assertFeature", () => {
  const ability = buildMemberAbility({ userId: "usr_x", roles: [] });
  const ctx = (plan: PlanId, actor: TenantCtx["actor"], status: TenantCtx["tenant"]["status"] = "active") => ({
    tenant: { id: "ten_x", slug: "x", status, plan },
    actor,
    ability,
    entitlements: computeEntitlements(plan),
  });
  const member = { type: "user", userId: "usr_x", membershipId: null } as const;
  const staff = { type: "staff", staffId: "stf_x" } as const;

  it("throws FeatureUnavailableError carrying the plan, add-on and both messages", () => {
    const err = (() => {
      try {
        assertFeature(ctx("free", member), "analytics");
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(FeatureUnavailableError);
    expect(err).toMatchObject({
      code: "feature_unavailable",
      status: 402,
      feature: "analytics",
      reason: "plan",
      requiredPlan: "business",
      addon: "analytics",
      message: "Analytics is not included in this organization's plan.",
    });
    expect((err as FeatureUnavailableError).adminMessage).toMatch(/Upgrade in Billing/);
    expect(() => assertFeature(ctx("business", member), "analytics")).not.toThrow();
  });

  it("staff pass the suspension gate but not the plan gate; members pass neither", () => {
    expect(() => assertFeature(ctx("pro", member, "suspended"), "events")).toThrow(FeatureUnavailableError);
    expect(() => assertFeature(ctx("pro", staff, "suspended"), "events")).not.toThrow();
    expect(() => assertFeature(ctx("free", staff, "suspended"), "events")).toThrow(/not included/);
  });

  it("applies the signals on the context", () => {
    expect(() => assertFeature({ ...ctx("pro", member), signals: { dunning: "restricted" } }, "events")).toThrow(
      /unavailable/,
    );
    expect(() =>
      assertFeature({ ...ctx("pro", member), signals: { dunning: "restricted" } }, "events", "read"),
    ).not.toThrow();
    // Dunning is no suspension: staff and the system are held to it like everyone.
    expect(() => assertFeature({ ...ctx("pro", staff), signals: { dunning: "suspended" } }, "events")).toThrow(
      FeatureUnavailableError,
    );
  });
});
