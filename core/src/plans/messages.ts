import { ADDONS, type AddonId, type Feature, type Limits, PLANS, type PlanId } from "./catalog";

/**
 * Copy for "you cannot use this": one neutral sentence anyone may see (end users of a branded site
 * must not be told to "upgrade in Billing") and one for the people who can act on it (admins,
 * billing managers, API clients). Kept apart from the decision so copy edits never touch logic.
 */

const FEATURE_COPY: Readonly<Record<Feature, { name: string; plural: boolean }>> = {
  events: { name: "Events", plural: true },
  analytics: { name: "Analytics", plural: false },
  verified_badge: { name: "The verified badge", plural: false },
  api_access: { name: "API access", plural: false },
  white_label: { name: "White-label branding", plural: false },
  custom_domains: { name: "Custom domains", plural: true },
  sso: { name: "Single sign-on", plural: false },
  audit_export: { name: "Audit log export", plural: false },
};

const LIMIT_NOUNS: Readonly<Record<keyof Limits, string>> = {
  artists: "artists",
  members: "members",
  customDomains: "custom domains",
};

export interface FeatureMessages {
  message: string;
  adminMessage: string;
}

function subject(feature: Feature): { name: string; is: string; them: string } {
  const copy = FEATURE_COPY[feature];
  return { name: copy.name, is: copy.plural ? "are" : "is", them: copy.plural ? "them" : "it" };
}

export function price(cents: number): string {
  return cents % 100 === 0 ? `$${cents / 100}` : `$${(cents / 100).toFixed(2)}`;
}

export function planMessages(
  feature: Feature,
  offer: { requiredPlan: PlanId | null; addon: AddonId | null; andAbove: boolean },
): FeatureMessages {
  const f = subject(feature);
  const message = `${f.name} ${f.is} not included in this organization's plan.`;
  const { requiredPlan, addon, andAbove } = offer;
  if (!requiredPlan && !addon) {
    // The plan includes it in the catalog but the tenant's agreement switched it off.
    return {
      message,
      adminMessage: `${f.name} ${f.is} not part of your organization's agreement. Contact sales to add ${f.them}.`,
    };
  }
  const ways: string[] = [];
  if (requiredPlan) ways.push(`on the ${PLANS[requiredPlan].name} plan${andAbove ? " and above" : ""}`);
  if (addon) ways.push(`as the ${ADDONS[addon].name} add-on (${price(ADDONS[addon].monthlyPriceCents)}/month)`);
  // Custom-priced plans are bought through sales; everything else is self-serve.
  const selfServe = addon !== null || (requiredPlan !== null && PLANS[requiredPlan].monthlyPriceCents !== null);
  const action = selfServe ? "Upgrade in Billing." : "Contact sales to upgrade.";
  return { message, adminMessage: `${f.name} ${f.is} available ${ways.join(", or ")}. ${action}` };
}

export function suspendedMessages(feature: Feature, status: string): FeatureMessages {
  const f = subject(feature);
  return {
    message: `This organization is ${status}; ${f.name.toLowerCase()} ${f.is} unavailable.`,
    adminMessage: `Your organization is ${status}, so ${f.name.toLowerCase()} ${f.is} unavailable. Contact support to restore access.`,
  };
}

/** Restricted: the grace period ended with the invoice unpaid; paid features are off until it is paid. */
export function restrictedMessages(feature: Feature): FeatureMessages {
  const f = subject(feature);
  return {
    message: `${f.name} ${f.is} unavailable right now.`,
    adminMessage: `${f.name} ${f.is} paused because the latest invoice is unpaid. Pay it or update the payment method in Billing to restore ${f.them} at once; your data is kept.`,
  };
}

/** Suspended for non-payment: everything is closed until the invoice is paid. */
export function suspendedForBillingMessages(feature: Feature): FeatureMessages {
  const f = subject(feature);
  return {
    message: `${f.name} ${f.is} unavailable right now.`,
    adminMessage: `Your organization is suspended because an invoice is unpaid, so ${f.name.toLowerCase()} ${f.is} unavailable. Pay it in Billing to reopen everything at once.`,
  };
}

/** Restricted, reading what a paid feature already holds: allowed, but say why nothing can be added. */
export const RESTRICTED_READ_ADMIN_MESSAGE =
  "The latest invoice is unpaid, so this is read-only: pay it in Billing to add and change things again.";

/** A limit held to the Free plan's while restricted. */
export function restrictedLimitMessage(limit: keyof Limits, max: number): string {
  return `The latest invoice is unpaid, so your organization is limited to the Free plan's ${max} ${LIMIT_NOUNS[limit]} until it is paid. Pay it in Billing to add more.`;
}

/** Past due is a grace period, not a lockout: features keep working and admins get nudged. */
export const PAST_DUE_ADMIN_MESSAGE =
  "The latest payment failed. Update the payment method in Billing to keep paid features running.";

export function flagMessages(feature: Feature): FeatureMessages {
  const f = subject(feature);
  return {
    message: `${f.name} ${f.is} temporarily unavailable.`,
    adminMessage: `${f.name} ${f.is} temporarily unavailable for your organization. Contact support if this persists.`,
  };
}

export function limitMessage(limit: keyof Limits, max: number, plan: PlanId, next: PlanId | null): string {
  const noun = LIMIT_NOUNS[limit];
  const base =
    max === 0
      ? `The ${PLANS[plan].name} plan does not include ${noun}.`
      : `The ${PLANS[plan].name} plan allows up to ${max} ${noun}.`;
  if (!next) return `${base} Contact sales to raise the limit.`;
  const nextMax = PLANS[next].limits[limit];
  return `${base} Upgrade to ${PLANS[next].name} in Billing for ${nextMax === null ? "unlimited" : `up to ${nextMax}`} ${noun}.`;
}
