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

/** What staff submit to onboard a customer. */
export const OnboardInput = OnboardFields.superRefine(withinPlan);
export type OnboardInput = z.input<typeof OnboardInput>;

/** The stored run input: the submitted input plus the tenant id chosen when the run started. */
export const OnboardRunInput = OnboardFields.extend({ tenantId: TenantId }).superRefine(withinPlan);
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
