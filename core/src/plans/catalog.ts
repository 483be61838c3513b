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
  /** Monthly price in US cents; `null` for custom (sales-negotiated) pricing. */
  monthlyPriceCents: number | null;
  lookupKey: string;
  features: readonly Feature[];
  limits: Limits;
  trialDays: number;
}

export const PLANS: Readonly<Record<PlanId, PlanDefinition>> = {
  free: {
    id: "free",
    name: "Free",
    monthlyPriceCents: 0,
    lookupKey: "mw_free_monthly",
    features: [],
    limits: { artists: 10, members: 5, customDomains: 0 },
    trialDays: 0,
  },
  pro: {
    id: "pro",
    name: "Pro",
    monthlyPriceCents: 999,
    lookupKey: "mw_pro_monthly",
    features: ["events", "custom_domains"],
    limits: { artists: 500, members: 25, customDomains: 1 },
    trialDays: 14,
  },
  business: {
    id: "business",
    name: "Business",
    monthlyPriceCents: 2999,
    lookupKey: "mw_business_monthly",
    features: ["events", "analytics", "custom_domains", "audit_export", "verified_badge"],
    limits: { artists: null, members: 100, customDomains: 5 },
    trialDays: 14,
  },
  enterprise: {
    id: "enterprise",
    name: "Enterprise",
    monthlyPriceCents: null,
    lookupKey: "mw_enterprise_custom",
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
  grants: readonly Feature[];
}

export const ADDONS: Readonly<Record<AddonId, AddonDefinition>> = {
  verified_badge: {
    id: "verified_badge",
    name: "Verified badge",
    monthlyPriceCents: 499,
    lookupKey: "mw_addon_verified_badge",
    grants: ["verified_badge"],
  },
  analytics: {
    id: "analytics",
    name: "Analytics",
    monthlyPriceCents: 999,
    lookupKey: "mw_addon_analytics",
    grants: ["analytics"],
  },
  api_access: {
    id: "api_access",
    name: "API access",
    monthlyPriceCents: 9900,
    lookupKey: "mw_addon_api_access",
    grants: ["api_access"],
  },
  white_label: {
    id: "white_label",
    name: "White-label",
    monthlyPriceCents: 49900,
    lookupKey: "mw_addon_white_label",
    grants: ["white_label"],
  },
};

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
