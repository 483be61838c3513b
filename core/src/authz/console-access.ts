import { type AppAbility, buildMemberAbility, can } from "./ability";
import type { Permission } from "./permissions";

/**
 * Holding any of these makes someone an administrator for the admin console's purposes. A plain
 * member (tenant/member/theme read) gets nothing there, while a custom "brand designer" role with
 * only `theme.update` is let in and sees only the Theme page: the console follows the ability, not
 * the role name. Core needs the same answer as the console to end console sessions of a member
 * whose roles stop granting it.
 */
export const CONSOLE_PERMISSIONS: readonly Permission[] = [
  "tenant.update",
  "member.invite",
  "member.update",
  "member.remove",
  "invitation.revoke",
  "role.create",
  "role.update",
  "role.delete",
  "theme.update",
  "theme.publish",
  "domain.manage",
  "audit.read",
  "billing.read",
];

export function isConsoleAdmin(ability: AppAbility): boolean {
  return CONSOLE_PERMISSIONS.some((p) => can(ability, p));
}

/** What a member with these roles may sign in to: any role opens the site, some open the console. */
export function accessOfRoles(roles: readonly { key: string; grants: readonly string[] }[]): {
  site: boolean;
  console: boolean;
} {
  if (roles.length === 0) return { site: false, console: false };
  // The user id only scopes `:own` grants, which never make an administrator.
  const ability = buildMemberAbility({ userId: "access-check", roles });
  return { site: true, console: isConsoleAdmin(ability) };
}
