import { z } from "zod";
import { type Grant, PERMISSIONS, type Permission } from "./permissions";

/**
 * Built-in tenant roles. They are data in the same grant syntax custom roles use, so one ability
 * builder serves both and a system role can never express something a custom role cannot.
 */

const EVERYTHING: readonly Permission[] = PERMISSIONS.map((d) => d.key);

export const SYSTEM_ROLES = [
  {
    key: "owner",
    name: "Owner",
    description: "Full control of the organization, including billing.",
    grants: EVERYTHING,
  },
  {
    key: "admin",
    name: "Admin",
    description: "Everything except changing the plan and payment method.",
    // Billing changes spend the customer's money; keeping them to owners and billing managers is
    // what customers expect when they hand out admin seats.
    grants: EVERYTHING.filter((key) => key !== "billing.manage"),
  },
  {
    key: "billing_manager",
    name: "Billing manager",
    description: "Manages the plan, payment method and invoices.",
    grants: ["tenant.read", "billing.read", "billing.manage", "member.read", "audit.read"],
  },
  {
    key: "member",
    name: "Member",
    description: "Creates content and edits or deletes their own.",
    grants: [
      "tenant.read",
      "member.read",
      "theme.read",
      "artist.read",
      "artist.create",
      "artist.update:own",
      "artist.delete:own",
      "event.read",
      "event.create",
      "event.update:own",
      "event.delete:own",
      "event.rsvp",
    ],
  },
  {
    key: "viewer",
    name: "Viewer",
    description: "Read-only access to the organization's content.",
    grants: ["tenant.read", "member.read", "artist.read", "event.read", "theme.read"],
  },
] as const satisfies ReadonlyArray<{
  key: string;
  name: string;
  description: string;
  grants: readonly Grant[];
}>;

export type SystemRole = (typeof SYSTEM_ROLES)[number];
export type SystemRoleKey = SystemRole["key"];

export const SYSTEM_ROLE_KEYS = SYSTEM_ROLES.map((role) => role.key) as readonly SystemRoleKey[];

export const SystemRoleKeySchema = z.enum(SYSTEM_ROLE_KEYS as [SystemRoleKey, ...SystemRoleKey[]]);

export function isSystemRoleKey(value: unknown): value is SystemRoleKey {
  return SystemRoleKeySchema.safeParse(value).success;
}

export function getSystemRole(key: SystemRoleKey): SystemRole {
  const role = SYSTEM_ROLES.find((r) => r.key === key);
  if (!role) throw new Error(`unknown system role "${key}"`);
  return role;
}
