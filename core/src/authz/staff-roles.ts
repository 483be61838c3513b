import { z } from "zod";

/**
 * MusicalWheel staff permissions, kept apart from the tenant registry: staff act on tenants from
 * the outside (control plane), tenant users act inside one tenant, and neither list may leak into
 * the other. A tenant role can never hold a `platform.*` key because `GrantSchema` rejects it.
 *
 * Each key `platform.<resource>.<action>` maps to `can(action, "Platform<Resource>")`: one subject
 * type per platform resource, so checks read like tenant checks (`can("suspend", "PlatformTenant")`)
 * and no compound action strings are needed.
 */

export const STAFF_PERMISSIONS = [
  s("platform.tenant.read", "PlatformTenant", "read", "See tenants, their status and provisioning runs"),
  s("platform.tenant.create", "PlatformTenant", "create", "Onboard new tenants"),
  s("platform.tenant.suspend", "PlatformTenant", "suspend", "Suspend and reactivate tenants"),
  s("platform.tenant.offboard", "PlatformTenant", "offboard", "Offboard tenants and delete their data"),
  s("platform.provisioning.retry", "PlatformProvisioning", "retry", "Retry or resume parked provisioning runs"),
  s("platform.audit.read", "PlatformAudit", "read", "Read tenant and platform audit logs"),
  s("platform.security.unlock", "PlatformSecurity", "unlock", "Lift sign-in locks"),
  s("platform.staff.manage", "PlatformStaff", "manage", "Add staff and change their roles"),
  s("platform.billing.read", "PlatformBilling", "read", "See a tenant's subscription, invoices and dunning state"),
  // CASL's "manage" is every action on the subject, so billing.manage implies billing.read.
  s("platform.billing.manage", "PlatformBilling", "manage", "Change a tenant's plan, credits and overrides"),
  s("platform.revenue.read", "PlatformRevenue", "read", "See platform revenue: MRR, subscription counts, churn"),
  // The development mailbox holds every tenant member's sign-in links and invitations: reading it is
  // signing in as them, so only platform admins (who hold everything anyway) may.
  s("platform.mailbox.read", "PlatformMailbox", "read", "Read the development mailbox (sign-in links included)"),
] as const;

function s<const K extends string, const S extends string, const A extends string>(
  key: K,
  subject: S,
  action: A,
  description: string,
) {
  return { key, subject, action, description };
}

type StaffDefinition = (typeof STAFF_PERMISSIONS)[number];

export type StaffPermission = StaffDefinition["key"];
export type StaffSubject = StaffDefinition["subject"];
export type StaffAction = StaffDefinition["action"];

const BY_KEY: ReadonlyMap<string, StaffDefinition> = new Map(STAFF_PERMISSIONS.map((d) => [d.key, d]));

export function isStaffPermission(value: unknown): value is StaffPermission {
  return typeof value === "string" && BY_KEY.has(value);
}

export function getStaffPermission<K extends StaffPermission>(key: K): Extract<StaffDefinition, { key: K }> {
  const definition = BY_KEY.get(key);
  if (!definition) throw new Error(`unknown staff permission "${key}"`);
  return definition as Extract<StaffDefinition, { key: K }>;
}

export const STAFF_ROLES = [
  {
    key: "platform_admin",
    name: "Platform admin",
    description: "Everything, including managing staff.",
    permissions: STAFF_PERMISSIONS.map((d) => d.key),
  },
  {
    key: "onboarding",
    name: "Onboarding",
    description: "Onboards tenants and nurses provisioning through.",
    permissions: [
      "platform.tenant.read",
      "platform.tenant.create",
      "platform.provisioning.retry",
      "platform.audit.read",
    ],
  },
  {
    key: "support",
    name: "Support",
    description: "Looks, does not touch.",
    permissions: ["platform.tenant.read", "platform.audit.read", "platform.billing.read"],
  },
  {
    key: "billing_ops",
    name: "Billing operations",
    description: "Adjusts tenants' plans and billing.",
    permissions: ["platform.tenant.read", "platform.billing.read", "platform.billing.manage", "platform.revenue.read"],
  },
] as const satisfies ReadonlyArray<{
  key: string;
  name: string;
  description: string;
  permissions: readonly StaffPermission[];
}>;

export type StaffRole = (typeof STAFF_ROLES)[number];
export type StaffRoleKey = StaffRole["key"];

export const STAFF_ROLE_KEYS = STAFF_ROLES.map((role) => role.key) as readonly StaffRoleKey[];

export const StaffRoleKeySchema = z.enum(STAFF_ROLE_KEYS as [StaffRoleKey, ...StaffRoleKey[]]);

export function getStaffRole(key: StaffRoleKey): StaffRole {
  const role = STAFF_ROLES.find((r) => r.key === key);
  if (!role) throw new Error(`unknown staff role "${key}"`);
  return role;
}
