import { describe, expect, it } from "vitest";
import { ForbiddenError } from "../../errors";
import { assertCan, buildMemberAbility, can, subject } from "../ability";
import { PERMISSIONS, type Permission } from "../permissions";
import { SYSTEM_ROLES, type SystemRoleKey } from "../system-roles";

const ME = "usr_me";
const SOMEONE_ELSE = "usr_other";
const mine = { id: "art_1", ownerId: ME };
const theirs = { id: "art_2", ownerId: SOMEONE_ELSE };

function abilityFor(...keys: SystemRoleKey[]) {
  const roles = keys.map((key) => {
    const role = SYSTEM_ROLES.find((r) => r.key === key);
    if (!role) throw new Error(`no system role ${key}`);
    return role;
  });
  return buildMemberAbility({ userId: ME, roles });
}

describe("owner", () => {
  const ability = abilityFor("owner");

  it("may do everything, on anyone's records", () => {
    for (const { key } of PERMISSIONS) {
      expect(can(ability, key), key).toBe(true);
      expect(can(ability, key, theirs), key).toBe(true);
    }
  });
});

describe("admin", () => {
  const ability = abilityFor("admin");

  it("may not manage billing", () => {
    expect(can(ability, "billing.manage")).toBe(false);
  });

  it("may do everything else", () => {
    const others = PERMISSIONS.map((d) => d.key).filter((k) => k !== "billing.manage");
    for (const key of others) expect(can(ability, key, theirs), key).toBe(true);
  });
});

describe("billing_manager", () => {
  const ability = abilityFor("billing_manager");

  it("may manage billing and read what billing needs", () => {
    for (const key of ["billing.manage", "billing.read", "tenant.read", "member.read", "audit.read"] as const) {
      expect(can(ability, key), key).toBe(true);
    }
  });

  it("may not publish themes, touch content or change members", () => {
    for (const key of ["theme.publish", "theme.read", "artist.read", "member.invite", "tenant.update"] as const) {
      expect(can(ability, key), key).toBe(false);
    }
  });
});

describe("member", () => {
  const ability = abilityFor("member");

  it("may update and delete their own artist, not someone else's", () => {
    expect(can(ability, "artist.update", mine)).toBe(true);
    expect(can(ability, "artist.delete", mine)).toBe(true);
    expect(can(ability, "artist.update", theirs)).toBe(false);
    expect(can(ability, "artist.delete", theirs)).toBe(false);
  });

  it("gets the same answer from CASL directly with a tagged row", () => {
    expect(ability.can("update", subject("Event", { ownerId: ME }))).toBe(true);
    expect(ability.can("update", subject("Event", { ownerId: SOMEONE_ELSE }))).toBe(false);
  });

  it("may not update a row without an owner", () => {
    expect(can(ability, "event.update", { id: "evt_1" })).toBe(false);
    expect(can(ability, "event.update", { id: "evt_1", ownerId: null })).toBe(false);
  });

  it("passes the type-level check for an :own grant, as CASL does", () => {
    // "May this user update some artists?" — yes; which ones is the row check's (and SQL filter's) job.
    expect(can(ability, "artist.update")).toBe(true);
  });

  it("may create content and RSVP but not administer", () => {
    expect(can(ability, "artist.create")).toBe(true);
    expect(can(ability, "event.rsvp")).toBe(true);
    for (const key of ["theme.update", "member.invite", "role.create", "billing.read", "audit.read"] as const) {
      expect(can(ability, key), key).toBe(false);
    }
  });

  it("does not read an untagged plain object as any subject", () => {
    // Without subject() CASL sees type "Object"; that must deny, not fall through to allow.
    expect(ability.can("update", mine as never)).toBe(false);
  });
});

describe("viewer", () => {
  const ability = abilityFor("viewer");

  it("may read content", () => {
    for (const key of ["tenant.read", "member.read", "artist.read", "event.read", "theme.read"] as const) {
      expect(can(ability, key), key).toBe(true);
    }
  });

  it("may not create, update or delete artists, not even own ones", () => {
    expect(can(ability, "artist.create")).toBe(false);
    expect(can(ability, "artist.update", mine)).toBe(false);
    expect(can(ability, "artist.delete", mine)).toBe(false);
    expect(can(ability, "event.rsvp")).toBe(false);
  });
});

describe("combined roles", () => {
  it("grant the union: viewer + billing_manager reads themes and manages billing", () => {
    const ability = abilityFor("viewer", "billing_manager");
    expect(can(ability, "theme.read")).toBe(true);
    expect(can(ability, "billing.manage")).toBe(true);
    expect(can(ability, "theme.publish")).toBe(false);
  });
});

describe("manage is an ordinary action", () => {
  it("does not imply the other actions on the subject", () => {
    const ability = buildMemberAbility({ userId: ME, roles: [{ key: "custom", grants: ["billing.manage"] }] });
    expect(can(ability, "billing.manage")).toBe(true);
    expect(can(ability, "billing.read")).toBe(false);
  });
});

describe("assertCan", () => {
  it("throws a ForbiddenError naming the permission", () => {
    const ability = abilityFor("viewer");
    expect(() => assertCan(ability, "artist.create")).toThrow(ForbiddenError);
    expect(() => assertCan(ability, "artist.create")).toThrow('missing permission "artist.create"');
    expect(() => assertCan(ability, "artist.read")).not.toThrow();
  });
});

describe("custom roles with bad stored grants", () => {
  it("ignore and report them, keeping the valid ones", () => {
    const reports: unknown[] = [];
    const ability = buildMemberAbility({
      userId: ME,
      roles: [{ key: "editor", grants: ["artist.read", "artist.fly", "tenant.read:own", 7] }],
      onInvalidGrant: (r) => reports.push(r),
    });
    expect(can(ability, "artist.read")).toBe(true);
    expect(can(ability, "tenant.read")).toBe(false);
    expect(reports).toEqual([
      { source: "editor", grant: "artist.fly", message: 'unknown permission "artist.fly"' },
      { source: "editor", grant: "tenant.read:own", message: '"tenant.read:own" cannot be scoped to own records' },
      { source: "editor", grant: 7, message: expect.any(String) },
    ]);
  });

  it("refuse to build without a user id, since :own would match ownerless rows", () => {
    const roles = [{ key: "member", grants: ["artist.update:own"] }];
    expect(() => buildMemberAbility({ userId: "", roles })).toThrow(TypeError);
    expect(() => buildMemberAbility({ userId: undefined as unknown as string, roles })).toThrow(TypeError);
  });

  it("grant nothing with no roles", () => {
    const ability = buildMemberAbility({ userId: ME, roles: [] });
    const allowed: Permission[] = PERMISSIONS.map((d) => d.key).filter((k) => can(ability, k));
    expect(allowed).toEqual([]);
  });
});
