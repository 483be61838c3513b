import { describe, expect, expectTypeOf, it } from "vitest";
import {
  ALL_GRANTS,
  API_KEY_PERMISSIONS,
  ApiKeyScopesSchema,
  type Grant,
  GrantSchema,
  GrantsSchema,
  isPermission,
  MAX_GRANTS,
  type OwnablePermission,
  PERMISSIONS,
  type Permission,
  permissionsByGroup,
} from "../permissions";
import { SYSTEM_ROLES } from "../system-roles";
import { EXPECTED_API_SCOPES, EXPECTED_KEYS, EXPECTED_OWNABLE, EXPECTED_PERMISSIONS } from "./expected-registry";

function messagesOf(result: { success: boolean; error?: { issues: { message: string }[] } }): string[] {
  return result.error?.issues.map((i) => i.message) ?? [];
}

describe("permission registry", () => {
  it("has unique keys", () => {
    const keys = PERMISSIONS.map((d) => d.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("holds exactly the specified permissions with their subject, action and flags", () => {
    const actual = Object.fromEntries(PERMISSIONS.map((d) => [d.key, [d.subject, d.action, d.ownable, d.apiKeyScope]]));
    expect(actual).toEqual(EXPECTED_PERMISSIONS);
  });

  it("names every key <resource>.<action> with the action the CASL rule uses", () => {
    for (const d of PERMISSIONS) {
      expect(d.key).toMatch(/^[a-z][a-zA-Z]*\.[a-z]+$/);
      expect(d.key.split(".")[1]).toBe(d.action);
      expect(d.subject).toMatch(/^[A-Z][a-zA-Z]*$/);
      expect(d.description.length).toBeGreaterThan(0);
    }
  });

  it("keeps CASL's wildcard names out of the registry", () => {
    // "all" as a subject would match every subject type in a default-configured ability.
    expect(PERMISSIONS.some((d) => (d.subject as string) === "all")).toBe(false);
  });

  it("lists each permission once across the UI groups", () => {
    const grouped = [...permissionsByGroup().values()].flat().map((d) => d.key);
    expect(grouped.sort()).toEqual([...EXPECTED_KEYS].sort());
  });

  it("derives ALL_GRANTS and the API-key allowlist from the flags", () => {
    expect([...ALL_GRANTS].sort()).toEqual([...EXPECTED_KEYS, ...EXPECTED_OWNABLE.map((k) => `${k}:own`)].sort());
    expect([...API_KEY_PERMISSIONS].sort()).toEqual([...EXPECTED_API_SCOPES].sort());
  });

  it("types permissions and grants as literal unions", () => {
    expectTypeOf<"artist.read">().toExtend<Permission>();
    expectTypeOf<"artist.fly">().not.toExtend<Permission>();
    expectTypeOf<OwnablePermission>().toEqualTypeOf<
      "artist.update" | "artist.delete" | "event.update" | "event.delete"
    >();
    expectTypeOf<"event.delete:own">().toExtend<Grant>();
    expectTypeOf<"tenant.read:own">().not.toExtend<Grant>();
  });

  it("recognises permissions but not grants with a scope", () => {
    expect(isPermission("artist.update")).toBe(true);
    expect(isPermission("artist.update:own")).toBe(false);
    expect(isPermission("artist.fly")).toBe(false);
    expect(isPermission(undefined)).toBe(false);
  });
});

describe("system roles against the registry", () => {
  it("only grant registered permissions", () => {
    for (const role of SYSTEM_ROLES) {
      for (const grant of role.grants) expect(GrantSchema.safeParse(grant).success, `${role.key}: ${grant}`).toBe(true);
    }
  });

  it("give the owner every permission unscoped", () => {
    const owner = SYSTEM_ROLES.find((r) => r.key === "owner");
    expect([...(owner?.grants ?? [])].sort()).toEqual([...EXPECTED_KEYS].sort());
  });

  it("list no grant twice", () => {
    for (const role of SYSTEM_ROLES) expect(new Set(role.grants).size, role.key).toBe(role.grants.length);
  });
});

describe("GrantSchema", () => {
  it("accepts permissions and :own on ownable ones", () => {
    expect(GrantSchema.parse("tenant.read")).toBe("tenant.read");
    expect(GrantSchema.parse("artist.update:own")).toBe("artist.update:own");
  });

  it("names an unknown permission", () => {
    expect(messagesOf(GrantSchema.safeParse("artist.fly"))).toEqual(['unknown permission "artist.fly"']);
    expect(messagesOf(GrantSchema.safeParse("artist.fly:own"))).toEqual(['unknown permission "artist.fly"']);
  });

  it("names a grant that cannot be scoped to own records", () => {
    expect(messagesOf(GrantSchema.safeParse("tenant.read:own"))).toEqual([
      '"tenant.read:own" cannot be scoped to own records',
    ]);
  });

  it("rejects non-strings", () => {
    expect(GrantSchema.safeParse(42).success).toBe(false);
    expect(GrantSchema.safeParse(null).success).toBe(false);
  });
});

describe("GrantsSchema", () => {
  it("drops repeated grants", () => {
    expect(GrantsSchema.parse(["artist.read", "artist.read", "event.read"])).toEqual(["artist.read", "event.read"]);
  });

  it("points at the bad element and names it", () => {
    const result = GrantsSchema.safeParse(["artist.read", "artist.fly", "tenant.read:own"]);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path, i.message])).toEqual([
      [[1], 'unknown permission "artist.fly"'],
      [[2], '"tenant.read:own" cannot be scoped to own records'],
    ]);
  });

  it(`allows at most ${MAX_GRANTS} grants`, () => {
    expect(GrantsSchema.safeParse(Array.from({ length: MAX_GRANTS }, () => "artist.read")).success).toBe(true);
    const tooMany = GrantsSchema.safeParse(Array.from({ length: MAX_GRANTS + 1 }, () => "artist.read"));
    expect(messagesOf(tooMany)).toEqual([`a role holds at most ${MAX_GRANTS} grants`]);
  });
});

describe("ApiKeyScopesSchema", () => {
  it("accepts allowlisted scopes", () => {
    expect(ApiKeyScopesSchema.parse(["artist.read", "event.update"])).toEqual(["artist.read", "event.update"]);
  });

  it("names scopes keys may not hold", () => {
    const result = ApiKeyScopesSchema.safeParse(["artist.update:own", "billing.manage", "artist.fly"]);
    expect(messagesOf(result)).toEqual([
      '"artist.update:own": API keys cannot hold own-scoped grants',
      '"billing.manage" cannot be granted to an API key',
      'unknown permission "artist.fly"',
    ]);
  });
});
