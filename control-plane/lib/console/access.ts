import "server-only";
import { type AppAbility, can, type Grant, isConsoleAdmin, type Permission, parseGrant } from "@mw/core/authz";
import { redirect } from "next/navigation";
import { type ConsoleContext, requireConsole } from "../console-session";

// Who counts as an administrator is core's decision (it also ends console sessions when roles stop
// granting it): see @mw/core/authz console-access.
export { isConsoleAdmin };

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
