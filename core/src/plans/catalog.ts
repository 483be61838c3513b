import { z } from "zod";

/**
 * The plan catalog, in code. Stripe products/prices are synced from it by lookup key; a tenant's
 * entitlements are *copied* from it when its plan or add-ons change (see `computeEntitlements`),
 * so editing the catalog never silently changes an existing customer's deal.
 */
export const FEATURES = [
  "events",
  "analytics",
  "verified_badge",
  "api_access",
  "white_label",
  "custom_domains",
  "sso",
  "audit_export",
] as const;
export type Feature = (typeof FEATURES)[number];

export const PLAN_IDS = ["free", "pro", "business", "enterprise"] as const;
export type PlanId = (typeof PLAN_IDS)[number];

export const ADDON_IDS = ["verified_badge", "analytics", "api_access", "white_label"] as const;
export type AddonId = (typeof ADDON_IDS)[number];

/** `null` means unlimited. */
export interface Limits {
  artists: number | null;
  members: number | null;
  customDomains: number | null;
}

export interface PlanDefinition {
  id: PlanId;
  name: string;
  /** Monthly price in US cents (per seat when `perSeat`); `null` for custom (sales-negotiated) pricing. */
  monthlyPriceCents: number | null;
  /** Stripe lookup key of the monthly price. */
  lookupKey: string;
  /** Yearly price in US cents: ten times the monthly price (two months free); `null` without one. */
  yearlyPriceCents: number | null;
  yearlyLookupKey: string | null;
  /**
   * Billed per seat: the subscription item's quantity is the tenant's member count (kept in sync as
   * memberships change); otherwise the quantity is 1.
   */
  perSeat: boolean;
  features: readonly Feature[];
  limits: Limits;
  trialDays: number;
}

/** Yearly prices are ten months' worth: two months free for paying up front. */
export const YEARLY_MONTHS_CHARGED = 10;
const yearly = (monthlyCents: number) => monthlyCents * YEARLY_MONTHS_CHARGED;

export const PLANS: Readonly<Record<PlanId, PlanDefinition>> = {
  free: {
    id: "free",
    name: "Free",
    monthlyPriceCents: 0,
    lookupKey: "mw_free_monthly",
    yearlyPriceCents: 0,
    yearlyLookupKey: null,
    perSeat: false,
    features: [],
    limits: { artists: 10, members: 5, customDomains: 0 },
    trialDays: 0,
  },
  pro: {
    id: "pro",
    name: "Pro",
    monthlyPriceCents: 999,
    lookupKey: "mw_pro_monthly",
    yearlyPriceCents: yearly(999),
    yearlyLookupKey: "mw_pro_yearly",
    perSeat: false,
    features: ["events", "custom_domains"],
    limits: { artists: 500, members: 25, customDomains: 1 },
    trialDays: 14,
  },
  business: {
    id: "business",
    name: "Business",
    monthlyPriceCents: 2999,
    lookupKey: "mw_business_monthly",
    yearlyPriceCents: yearly(2999),
    yearlyLookupKey: "mw_business_yearly",
    perSeat: true,
    features: ["events", "analytics", "custom_domains", "audit_export", "verified_badge"],
    limits: { artists: null, members: 100, customDomains: 5 },
    trialDays: 14,
  },
  enterprise: {
    id: "enterprise",
    name: "Enterprise",
    monthlyPriceCents: null,
    lookupKey: "mw_enterprise_custom",
    yearlyPriceCents: null,
    yearlyLookupKey: null,
    perSeat: false,
    features: [...FEATURES],
    limits: { artists: null, members: null, customDomains: null },
    trialDays: 0,
  },
};

export interface AddonDefinition {
  id: AddonId;
  name: string;
  monthlyPriceCents: number;
  lookupKey: string;
  yearlyPriceCents: number;
  yearlyLookupKey: string;
  grants: readonly Feature[];
}

export const ADDONS: Readonly<Record<AddonId, AddonDefinition>> = {
  verified_badge: {
    id: "verified_badge",
    name: "Verified badge",
    monthlyPriceCents: 499,
    lookupKey: "mw_addon_verified_badge_monthly",
    yearlyPriceCents: yearly(499),
    yearlyLookupKey: "mw_addon_verified_badge_yearly",
    grants: ["verified_badge"],
  },
  analytics: {
    id: "analytics",
    name: "Analytics",
    monthlyPriceCents: 999,
    lookupKey: "mw_addon_analytics_monthly",
    yearlyPriceCents: yearly(999),
    yearlyLookupKey: "mw_addon_analytics_yearly",
    grants: ["analytics"],
  },
  api_access: {
    id: "api_access",
    name: "API access",
    monthlyPriceCents: 9900,
    lookupKey: "mw_addon_api_access_monthly",
    yearlyPriceCents: yearly(9900),
    yearlyLookupKey: "mw_addon_api_access_yearly",
    grants: ["api_access"],
  },
  white_label: {
    id: "white_label",
    name: "White-label",
    monthlyPriceCents: 49900,
    lookupKey: "mw_addon_white_label_monthly",
    yearlyPriceCents: yearly(49900),
    yearlyLookupKey: "mw_addon_white_label_yearly",
    grants: ["white_label"],
  },
};

export const METER_IDS = ["events_published", "rsvps"] as const;
export type MeterId = (typeof METER_IDS)[number];

/**
 * Usage the platform meters (Stripe billing meters, synced by `event_name`). Reported for the billing
 * managers' usage view and future usage pricing; no metered price charges for it today.
 */
export interface MeterDefinition {
  id: MeterId;
  /** The meter's `event_name` at Stripe: what each reported meter event names. */
  eventName: string;
  displayName: string;
  /** Meter events carry a count in `payload.value`; the period's usage is their sum. */
  aggregation: "sum";
}

export const METERS: Readonly<Record<MeterId, MeterDefinition>> = {
  events_published: {
    id: "events_published",
    eventName: "mw_events_published",
    displayName: "Events published",
    aggregation: "sum",
  },
  rsvps: { id: "rsvps", eventName: "mw_rsvps", displayName: "RSVPs", aggregation: "sum" },
};

export type BillingInterval = "month" | "year";

/** One Stripe product: a paid plan or an add-on (Stripe product ids are ours: `mw_plan_pro`). */
export interface CatalogProduct {
  productId: string;
  name: string;
  kind: "plan" | "addon";
  /** The plan or add-on id. */
  ref: PlanId | AddonId;
}

/** One Stripe recurring price, found by its lookup key. */
export interface CatalogPrice {
  lookupKey: string;
  productId: string;
  kind: "plan" | "addon";
  ref: PlanId | AddonId;
  interval: BillingInterval;
  unitAmountCents: number;
  perSeat: boolean;
}

export const planProductId = (plan: PlanId): string => `mw_plan_${plan}`;
export const addonProductId = (addon: AddonId): string => `mw_addon_${addon}`;

/**
 * What exists at Stripe for the catalog: a product per paid plan (Enterprise too: staff attach its
 * custom prices there) and per add-on, and their monthly and yearly prices. Free has no Stripe
 * side (no subscription); Enterprise has no list price.
 */
export function catalogProducts(): CatalogProduct[] {
  return [
    ...PLAN_IDS.filter((id) => id !== "free").map((id) => ({
      productId: planProductId(id),
      name: `MusicalWheel ${PLANS[id].name}`,
      kind: "plan" as const,
      ref: id,
    })),
    ...ADDON_IDS.map((id) => ({
      productId: addonProductId(id),
      name: `${ADDONS[id].name} add-on`,
      kind: "addon" as const,
      ref: id,
    })),
  ];
}

export function catalogPrices(): CatalogPrice[] {
  const prices: CatalogPrice[] = [];
  for (const id of PLAN_IDS) {
    const plan = PLANS[id];
    if (id === "free" || plan.monthlyPriceCents === null) continue;
    const base = { productId: planProductId(id), kind: "plan" as const, ref: id, perSeat: plan.perSeat };
    prices.push({ ...base, lookupKey: plan.lookupKey, interval: "month", unitAmountCents: plan.monthlyPriceCents });
    if (plan.yearlyLookupKey && plan.yearlyPriceCents !== null) {
      prices.push({
        ...base,
        lookupKey: plan.yearlyLookupKey,
        interval: "year",
        unitAmountCents: plan.yearlyPriceCents,
      });
    }
  }
  for (const id of ADDON_IDS) {
    const addon = ADDONS[id];
    const base = { productId: addonProductId(id), kind: "addon" as const, ref: id, perSeat: false };
    prices.push({ ...base, lookupKey: addon.lookupKey, interval: "month", unitAmountCents: addon.monthlyPriceCents });
    prices.push({
      ...base,
      lookupKey: addon.yearlyLookupKey,
      interval: "year",
      unitAmountCents: addon.yearlyPriceCents,
    });
  }
  return prices;
}

/** The catalog price a Stripe lookup key names (a subscription item → plan or add-on), or null. */
export function priceByLookupKey(lookupKey: string | null | undefined): CatalogPrice | null {
  if (!lookupKey) return null;
  return catalogPrices().find((p) => p.lookupKey === lookupKey) ?? null;
}

/** Metadata catalog sync puts on every Stripe product and price it owns. */
export const CATALOG_METADATA = { kind: "mw_kind", ref: "mw_ref", interval: "mw_interval" } as const;

/**
 * The catalog price a Stripe price stands for: by its lookup key, or (for a price the key has moved
 * away from, still on old subscriptions) by the metadata catalog sync wrote on it.
 */
export function catalogPriceOf(price: {
  lookup_key: string | null;
  metadata: Record<string, string> | null;
}): CatalogPrice | null {
  const byKey = priceByLookupKey(price.lookup_key);
  if (byKey) return byKey;
  const m = price.metadata ?? {};
  const kind = m[CATALOG_METADATA.kind];
  const ref = m[CATALOG_METADATA.ref];
  const interval = m[CATALOG_METADATA.interval];
  return catalogPrices().find((p) => p.kind === kind && p.ref === ref && p.interval === interval) ?? null;
}

/** The lookup key of a plan's or an add-on's price for an interval (null: none, e.g. Free). */
export function lookupKeyFor(item: { plan: PlanId } | { addon: AddonId }, interval: BillingInterval): string | null {
  if ("plan" in item) {
    const plan = PLANS[item.plan];
    if (item.plan === "free" || plan.monthlyPriceCents === null) return null;
    return interval === "month" ? plan.lookupKey : plan.yearlyLookupKey;
  }
  const addon = ADDONS[item.addon];
  return interval === "month" ? addon.lookupKey : addon.yearlyLookupKey;
}

export const EntitlementsSchema = z.object({
  plan: z.enum(PLAN_IDS),
  features: z.array(z.enum(FEATURES)),
  limits: z.object({
    artists: z.number().int().nonnegative().nullable(),
    members: z.number().int().nonnegative().nullable(),
    customDomains: z.number().int().nonnegative().nullable(),
  }),
});
export type Entitlements = z.infer<typeof EntitlementsSchema>;

/** Enterprise deals: features switched on or off and limits replaced, on top of plan + add-ons. */
export interface EntitlementOverrides {
  enable?: readonly Feature[];
  disable?: readonly Feature[];
  limits?: Partial<Limits>;
}

/** Plan + add-ons + overrides → the entitlements stored on the tenant. Pure. */
export function computeEntitlements(
  plan: PlanId,
  addons: readonly AddonId[] = [],
  overrides: EntitlementOverrides = {},
): Entitlements {
  const features = new Set<Feature>(PLANS[plan].features);
  for (const a of addons) for (const f of ADDONS[a].grants) features.add(f);
  for (const f of overrides.enable ?? []) features.add(f);
  for (const f of overrides.disable ?? []) features.delete(f);
  return {
    plan,
    features: FEATURES.filter((f) => features.has(f)),
    limits: { ...PLANS[plan].limits, ...overrides.limits },
  };
}

/** Read stored entitlements defensively: anything unreadable falls back to the Free plan's. */
export function readEntitlements(stored: unknown): Entitlements {
  const parsed = EntitlementsSchema.safeParse(stored);
  return parsed.success ? parsed.data : computeEntitlements("free");
}
