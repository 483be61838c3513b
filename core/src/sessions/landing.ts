import { type AppAbility, can } from "../authz/ability";
import { isConsoleAdmin } from "../authz/console-access";
import type { Permission } from "../authz/permissions";

/**
 * Where someone lands after accepting an invitation or signing in without asking for a page: a
 * place their roles open, never a 403. Pure, so both apps and the tests share one answer.
 */

/** The tenant site's first content page the member may read, or null (the site has nothing for them). */
export function siteLanding(ability: AppAbility): "/artists" | "/events" | null {
  if (can(ability, "artist.read")) return "/artists";
  if (can(ability, "event.read")) return "/events";
  return null;
}

/** Console permissions that make the overview the natural start (the organization's settings). */
const ADMINISTERS: readonly Permission[] = [
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
];

/**
 * The console page to open: the overview for administrators; for someone who only looks after
 * billing (the billing manager: billing, plus reading members and the audit log) the billing page;
 * for an auditor the audit log.
 */
export function consoleLanding(ability: AppAbility): string {
  if (ADMINISTERS.some((p) => can(ability, p))) return "/console";
  if (can(ability, "billing.read")) return "/console/billing";
  if (can(ability, "audit.read")) return "/console/audit";
  return "/console";
}

export type Landing = { app: "site" | "console"; path: string };

/**
 * After joining or signing in on the tenant's site: its content if the roles read any, else the
 * console page they may use (the console is another app: the caller links to its sign-in with this
 * path as `next`), else the account page.
 */
export function landingAfterSiteSignIn(ability: AppAbility): Landing {
  const site = siteLanding(ability);
  if (site) return { app: "site", path: site };
  if (isConsoleAdmin(ability)) return { app: "console", path: consoleLanding(ability) };
  return { app: "site", path: "/account" };
}
