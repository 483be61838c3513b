import { displayName, rejectUnsafeText, showUnsafe } from "@mw/core";
import { validateCustomHostname } from "@mw/core/domains";
import { env } from "@mw/core/env";
import { isId } from "@mw/core/ids";
import { PLAN_IDS, PLANS } from "@mw/core/plans";
import { PRESET_IDS } from "@mw/themes";
import { z } from "zod";
import { EmailSchema, SlugSchema } from "../core-internals";

const TenantId = z.string().refine((v) => isId("tenant", v), "not a tenant id");

export const MAX_CUSTOM_DOMAINS = 5;

/**
 * Enterprise deals: the negotiated price (US dollars, per month or per year), and how it is
 * collected — charged to a card, or invoiced with payment due within some days.
 */
export const EnterpriseBilling = z
  .object({
    price: z
      .string()
      .trim()
      .regex(/^\d{1,7}(\.\d{1,2})?$/, "a price in US dollars, e.g. 2500 or 2500.00")
      .transform((v) => Math.round(Number(v) * 100))
      .refine((cents) => cents >= 100, "at least $1.00"),
    interval: z.enum(["month", "year"]).default("month"),
    collectionMethod: z.enum(["charge_automatically", "send_invoice"]).default("send_invoice"),
    daysUntilDue: z.coerce.number().int("whole days").min(1, "at least 1 day").max(90, "at most 90 days").optional(),
  })
  .strict()
  .transform((b) => ({
    priceCents: b.price,
    interval: b.interval,
    collectionMethod: b.collectionMethod,
    daysUntilDue: b.collectionMethod === "send_invoice" ? (b.daysUntilDue ?? 30) : null,
  }));

/** The deal as the run stores it (the parsed form of `EnterpriseBilling`). */
const StoredEnterpriseBilling = z
  .object({
    priceCents: z.number().int().min(100),
    interval: z.enum(["month", "year"]),
    collectionMethod: z.enum(["charge_automatically", "send_invoice"]),
    daysUntilDue: z.number().int().min(1).max(90).nullable(),
  })
  .strict();
export type EnterpriseDeal = z.infer<typeof StoredEnterpriseBilling>;

const OnboardFields = z
  .object({
    name: displayName("name", 80),
    slug: SlugSchema,
    plan: z.enum(PLAN_IDS).default("free"),
    ownerEmail: EmailSchema,
    customDomains: z
      .array(z.string())
      .max(MAX_CUSTOM_DOMAINS, `at most ${MAX_CUSTOM_DOMAINS} custom domains`)
      .default([])
      .transform(customHostnames),
    themePreset: z.enum(PRESET_IDS).default("aurora"),
    billing: EnterpriseBilling.optional(),
  })
  .strict();

/**
 * Each custom domain checked exactly as the admin console checks one (`validateCustomHostname`),
 * brought to its stored form; an issue per bad entry, at its index, naming the entry as typed
 * (with invisible characters made visible, so the message cannot hide or reverse anything).
 */
function customHostnames(raws: string[], ctx: z.RefinementCtx): string[] {
  const seen = new Set<string>();
  const hostnames: string[] = [];
  raws.forEach((raw, i) => {
    const check = validateCustomHostname(raw, { platformDomain: env.PLATFORM_DOMAIN });
    if (!check.ok) {
      ctx.addIssue({ code: "custom", path: [i], message: `${showUnsafe(raw.trim()) || "(empty)"}: ${check.message}` });
      return;
    }
    if (seen.has(check.hostname)) {
      ctx.addIssue({ code: "custom", path: [i], message: `${check.hostname} is listed twice` });
    }
    seen.add(check.hostname);
    hostnames.push(check.hostname);
  });
  return hostnames;
}

/** The plan must include as many custom domains as asked for (checked again when each is added). */
function withinPlan(data: { plan: (typeof PLAN_IDS)[number]; customDomains: string[] }, ctx: z.RefinementCtx) {
  const plan = PLANS[data.plan];
  const max = plan.limits.customDomains;
  if (max !== null && data.customDomains.length > max) {
    ctx.addIssue({
      code: "custom",
      path: ["customDomains"],
      message:
        max === 0
          ? `the ${plan.name} plan includes no custom domains`
          : `the ${plan.name} plan includes at most ${max} custom domain${max === 1 ? "" : "s"}`,
    });
  }
}

/** Enterprise needs its negotiated price; the catalog plans have theirs. */
function billingForPlan(data: { plan: (typeof PLAN_IDS)[number]; billing?: unknown }, ctx: z.RefinementCtx) {
  if (data.plan === "enterprise" && !data.billing) {
    ctx.addIssue({ code: "custom", path: ["billing", "price"], message: "enter the negotiated price for Enterprise" });
  }
  if (data.plan !== "enterprise" && data.billing) {
    ctx.addIssue({ code: "custom", path: ["billing", "price"], message: "a custom price is only for Enterprise" });
  }
}

/** What staff submit to onboard a customer. */
export const OnboardInput = OnboardFields.superRefine(withinPlan).superRefine(billingForPlan);
export type OnboardInput = z.input<typeof OnboardInput>;

/** The stored run input: the submitted input plus the tenant id chosen when the run started. */
export const OnboardRunInput = OnboardFields.extend({ tenantId: TenantId, billing: StoredEnterpriseBilling.optional() })
  .superRefine(withinPlan)
  .superRefine(billingForPlan);
export type OnboardRunInput = z.output<typeof OnboardRunInput>;

export const OffboardInput = z
  .object({
    tenantId: TenantId,
    reason: z
      .string()
      .trim()
      .min(3, "give a reason (at least 3 characters)")
      .max(500)
      .superRefine(rejectUnsafeText("reason", "multiline")),
  })
  .strict();

export type OffboardInput = z.input<typeof OffboardInput>;
export const OffboardRunInput = OffboardInput;
export type OffboardRunInput = z.output<typeof OffboardRunInput>;
