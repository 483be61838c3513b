import { describe, expect, it } from "vitest";
import { ForbiddenError } from "../../errors";
import { assertStaffCan, buildStaffAbility, staffCan } from "../ability";
import { GrantSchema } from "../permissions";
import { STAFF_PERMISSIONS, STAFF_ROLES } from "../staff-roles";
import { EXPECTED_STAFF_PERMISSIONS, EXPECTED_STAFF_ROLES } from "./expected-registry";

describe("staff registry", () => {
  it("holds exactly the specified permissions and subject/action pairs", () => {
    expect(Object.fromEntries(STAFF_PERMISSIONS.map((d) => [d.key, [d.subject, d.action]]))).toEqual(
      EXPECTED_STAFF_PERMISSIONS,
    );
  });

  it("holds exactly the specified roles", () => {
    expect(Object.fromEntries(STAFF_ROLES.map((r) => [r.key, [...r.permissions]]))).toEqual(EXPECTED_STAFF_ROLES);
  });

  it("cannot be granted through a tenant role", () => {
    for (const { key } of STAFF_PERMISSIONS) expect(GrantSchema.safeParse(key).success, key).toBe(false);
  });
});

describe("staff ability", () => {
  it("support looks but does not touch", () => {
    const ability = buildStaffAbility({ staffId: "stf_1", roles: ["support"] });
    expect(staffCan(ability, "platform.tenant.read")).toBe(true);
    expect(staffCan(ability, "platform.audit.read")).toBe(true);
    expect(staffCan(ability, "platform.tenant.suspend")).toBe(false);
    expect(staffCan(ability, "platform.tenant.offboard")).toBe(false);
  });

  it("support reads a tenant's billing but cannot change it nor see platform revenue", () => {
    const ability = buildStaffAbility({ staffId: "stf_1", roles: ["support"] });
    expect(staffCan(ability, "platform.billing.read")).toBe(true);
    expect(staffCan(ability, "platform.billing.manage")).toBe(false);
    expect(staffCan(ability, "platform.revenue.read")).toBe(false);
  });

  it("billing.manage implies billing.read (CASL manage), never the other way round", () => {
    const manage = buildStaffAbility({ staffId: "stf_1", roles: ["billing_ops"] });
    expect(manage.can("read", "PlatformBilling")).toBe(true);
    expect(staffCan(manage, "platform.revenue.read")).toBe(true);
    const onboarding = buildStaffAbility({ staffId: "stf_1", roles: ["onboarding"] });
    expect(staffCan(onboarding, "platform.billing.read")).toBe(false);
  });

  it("only platform admins read the mailbox (it holds every member's sign-in links)", () => {
    for (const role of STAFF_ROLES) {
      const ability = buildStaffAbility({ staffId: "stf_1", roles: [role.key] });
      expect(staffCan(ability, "platform.mailbox.read"), role.key).toBe(role.key === "platform_admin");
    }
  });

  it("onboarding creates tenants and retries provisioning, but cannot manage staff", () => {
    const ability = buildStaffAbility({ staffId: "stf_1", roles: ["onboarding"] });
    expect(ability.can("create", "PlatformTenant")).toBe(true);
    expect(ability.can("retry", "PlatformProvisioning")).toBe(true);
    expect(ability.can("manage", "PlatformStaff")).toBe(false);
  });

  it("billing_ops manages billing without it implying anything else", () => {
    const ability = buildStaffAbility({ staffId: "stf_1", roles: ["billing_ops"] });
    expect(staffCan(ability, "platform.billing.manage")).toBe(true);
    expect(staffCan(ability, "platform.tenant.create")).toBe(false);
  });

  it("platform_admin holds every staff permission", () => {
    const ability = buildStaffAbility({ staffId: "stf_1", roles: ["platform_admin"] });
    for (const { key } of STAFF_PERMISSIONS) expect(staffCan(ability, key), key).toBe(true);
  });

  it("ignores and reports unknown roles", () => {
    const reports: unknown[] = [];
    const ability = buildStaffAbility({
      staffId: "stf_1",
      roles: ["owner", "platform_admin "],
      onInvalidRole: (r) => reports.push(r),
    });
    expect(STAFF_PERMISSIONS.some((d) => staffCan(ability, d.key))).toBe(false);
    expect(reports).toEqual([
      { source: "stf_1", grant: "owner", message: 'unknown staff role "owner"' },
      { source: "stf_1", grant: "platform_admin ", message: 'unknown staff role "platform_admin "' },
    ]);
  });

  it("assertStaffCan throws a ForbiddenError naming the permission", () => {
    const ability = buildStaffAbility({ staffId: "stf_1", roles: ["support"] });
    expect(() => assertStaffCan(ability, "platform.tenant.offboard")).toThrow(ForbiddenError);
    expect(() => assertStaffCan(ability, "platform.tenant.offboard")).toThrow(
      'missing staff permission "platform.tenant.offboard"',
    );
  });
});
