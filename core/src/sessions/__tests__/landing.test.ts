import { describe, expect, it } from "vitest";
import { buildMemberAbility } from "../../authz/ability";
import { getSystemRole, type SystemRoleKey } from "../../authz/system-roles";
import { consoleLanding, landingAfterSiteSignIn, siteLanding } from "../landing";

const as = (...keys: SystemRoleKey[]) =>
  buildMemberAbility({ userId: "usr_test", roles: keys.map((k) => getSystemRole(k)) });
const custom = (...grants: string[]) => buildMemberAbility({ userId: "usr_test", roles: [{ key: "custom", grants }] });

describe("landing after joining or signing in", () => {
  it("sends members, viewers, owners and admins to the site's artists", () => {
    for (const role of ["owner", "admin", "member", "viewer"] as const) {
      expect(landingAfterSiteSignIn(as(role)), role).toEqual({ app: "site", path: "/artists" });
    }
  });

  it("sends a billing manager (no content to read) to the console's billing page", () => {
    expect(siteLanding(as("billing_manager"))).toBeNull();
    expect(landingAfterSiteSignIn(as("billing_manager"))).toEqual({ app: "console", path: "/console/billing" });
    expect(consoleLanding(as("billing_manager"))).toBe("/console/billing");
  });

  it("opens the console overview for administrators, also when they handle billing", () => {
    expect(consoleLanding(as("owner"))).toBe("/console");
    expect(consoleLanding(as("admin"))).toBe("/console");
    expect(consoleLanding(as("billing_manager", "admin"))).toBe("/console");
    expect(consoleLanding(custom("theme.read", "theme.update"))).toBe("/console");
  });

  it("follows the ability for custom roles", () => {
    expect(siteLanding(custom("event.read"))).toBe("/events");
    expect(landingAfterSiteSignIn(custom("audit.read"))).toEqual({ app: "console", path: "/console/audit" });
    // Nothing to read on the site and no console permission: the account page, never a 403.
    expect(landingAfterSiteSignIn(custom("tenant.read"))).toEqual({ app: "site", path: "/account" });
  });
});
