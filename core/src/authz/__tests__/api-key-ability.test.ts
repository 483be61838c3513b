import { describe, expect, it } from "vitest";
import { buildApiKeyAbility, can } from "../ability";
import { PERMISSIONS } from "../permissions";
import { EXPECTED_API_SCOPES } from "./expected-registry";

describe("API key ability", () => {
  it("allows allowlisted scopes on any row", () => {
    const ability = buildApiKeyAbility({ keyId: "key_1", scopes: ["artist.read", "artist.update"] });
    expect(can(ability, "artist.read")).toBe(true);
    expect(can(ability, "artist.update", { ownerId: "usr_anyone" })).toBe(true);
    expect(can(ability, "artist.delete")).toBe(false);
  });

  it("gives a scope outside the allowlist no effect, and reports it", () => {
    const reports: unknown[] = [];
    const ability = buildApiKeyAbility({
      keyId: "key_1",
      scopes: ["billing.manage", "apiKey.manage", "role.update", "tenant.read"],
      onInvalidScope: (r) => reports.push(r),
    });
    expect(can(ability, "billing.manage")).toBe(false);
    expect(can(ability, "apiKey.manage")).toBe(false);
    expect(can(ability, "role.update")).toBe(false);
    expect(can(ability, "tenant.read")).toBe(true);
    expect(reports).toEqual([
      { source: "key_1", grant: "billing.manage", message: '"billing.manage" cannot be granted to an API key' },
      { source: "key_1", grant: "apiKey.manage", message: '"apiKey.manage" cannot be granted to an API key' },
      { source: "key_1", grant: "role.update", message: '"role.update" cannot be granted to an API key' },
    ]);
  });

  it("rejects :own scopes: they grant nothing, not even on a row with matching owner", () => {
    const reports: unknown[] = [];
    const ability = buildApiKeyAbility({
      keyId: "key_1",
      scopes: ["artist.update:own"],
      onInvalidScope: (r) => reports.push(r),
    });
    expect(can(ability, "artist.update")).toBe(false);
    expect(can(ability, "artist.update", { ownerId: "key_1" })).toBe(false);
    expect(reports).toEqual([
      {
        source: "key_1",
        grant: "artist.update:own",
        message: '"artist.update:own": API keys cannot hold own-scoped grants',
      },
    ]);
  });

  it("with every scope allowed equals exactly the allowlist", () => {
    const ability = buildApiKeyAbility({ keyId: "key_1", scopes: PERMISSIONS.map((d) => d.key) });
    const allowed = PERMISSIONS.map((d) => d.key).filter((k) => can(ability, k));
    expect(allowed.sort()).toEqual([...EXPECTED_API_SCOPES].sort());
  });

  it("keeps keys away from access management", () => {
    for (const key of [
      "role.create",
      "role.update",
      "member.update",
      "apiKey.manage",
      "sso.manage",
      "billing.manage",
    ]) {
      expect(EXPECTED_API_SCOPES, key).not.toContain(key);
    }
  });
});
