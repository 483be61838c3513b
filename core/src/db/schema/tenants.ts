import { jsonb, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { timestamps } from "./columns";

/**
 * Dunning (DESIGN "Billing"): ok → past_due (grace: banners, e-mails) → restricted (paid features off,
 * data kept) → suspended; back to ok on payment. One input of `featureAvailability`.
 */
export const dunningState = pgEnum("dunning_state", ["ok", "past_due", "restricted", "suspended"]);

export const tenantStatus = pgEnum("tenant_status", ["provisioning", "active", "suspended", "offboarding", "deleted"]);

/** Platform table: written by the control plane and the provisioning worker only. */
export const tenants = pgTable("tenants", {
  id: text("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  status: tenantStatus("status").notNull().default("provisioning"),
  plan: text("plan").notNull().default("free"),
  /** Add-ons bought on top of the plan (`analytics`, `white_label`, …). */
  addons: text("addons").array().notNull().default([]),
  /**
   * Entitlements copied from the plan catalog when the plan or add-ons change, plus enterprise
   * overrides; the runtime reads these, so catalog edits never silently change a customer's deal.
   */
  entitlements: jsonb("entitlements").notNull().default({}),
  /**
   * An enterprise agreement's exceptions to the catalog (`EntitlementOverrides`: features enabled or
   * disabled, limits replaced). Kept apart from the computed entitlements so that every
   * recomputation (a subscription change from Stripe) applies them again instead of losing them.
   */
  entitlementOverrides: jsonb("entitlement_overrides").notNull().default({}),
  suspendedReason: text("suspended_reason"),
  dunningState: dunningState("dunning_state").notNull().default("ok"),
  /** When the current dunning state began (null while ok). */
  dunningSince: timestamp("dunning_since", { withTimezone: true }),
  /** End of the grace period while past due; staff can extend it. */
  graceUntil: timestamp("grace_until", { withTimezone: true }),
  deletedAt: timestamp("deleted_at", { withTimezone: true }),
  ...timestamps(),
});

export type TenantRow = typeof tenants.$inferSelect;
export type DunningStateValue = (typeof dunningState.enumValues)[number];
export type TenantStatus = (typeof tenantStatus.enumValues)[number];
