import "server-only";
import { type AppAbility, can, type Grant, type Permission, parseGrant } from "@mw/core/authz";
import { redirect } from "next/navigation";
import { type ConsoleContext, requireConsole } from "../console-session";

/**
 * Holding any of these makes someone an administrator for the console's purposes. A plain member
 * (tenant/member/theme read) gets nothing here, while a custom "brand designer" role with only
 * `theme.update` is let in and sees only the Theme page: the nav follows the ability, not the role name.
 */
const CONSOLE_PERMISSIONS: readonly Permission[] = [
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

/** A page's guard: signed in (else sign-in with `next`) and an administrator (else sign-in explains). */
export async function requireConsoleAdmin(next: string): Promise<ConsoleContext> {
  const c = await requireConsole(next);
  if (!isConsoleAdmin(c.session.ability)) redirect("/console/sign-in?reason=not-admin");
  return c;
}

/** Plain booleans for client components, which must not receive the CASL ability itself. */
export function permissionFlags<const K extends Permission>(
  ability: AppAbility,
  keys: readonly K[],
): Record<K, boolean> {
  return Object.fromEntries(keys.map((k) => [k, can(ability, k)])) as Record<K, boolean>;
}

// Mirrors core's escalation rule (roles/escalation.ts) for UI hints only; the verbs enforce it.
const NOBODY = { ownerId: "usr_nobody_nobody_nobody" };

/** Grants the actor could not hand out: offering them would fail with an escalation error. */
export function ungrantable(ability: AppAbility, grants: readonly string[]): string[] {
  return grants.filter((g) => {
    const { permission, own } = parseGrant(g as Grant);
    return own ? !can(ability, permission) : !can(ability, permission, NOBODY);
  });
}
