import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildApiKeyAbility, buildMemberAbility, buildStaffAbility, can, staffCan, subject } from "../ability";
import type { Permission, PermissionAction, PermissionSubject } from "../permissions";
import type { StaffAction, StaffPermission, StaffSubject } from "../staff-roles";
import {
  EXPECTED_API_SCOPES,
  EXPECTED_KEYS,
  EXPECTED_OWN_GRANTS,
  EXPECTED_OWNABLE,
  EXPECTED_PERMISSIONS,
  EXPECTED_STAFF_PERMISSIONS,
  EXPECTED_STAFF_ROLES,
  NOT_GRANTS,
} from "./expected-registry";

// Thousands of generated cases: seconds on a quiet machine, several times that on a loaded 2-core one.
// The properties are about correctness, so they get room rather than the default 5 s.
const PROPERTY_TIMEOUT_MS = 120_000;

/*
 * CASL's decisions compared with a plain reference model built only from the hand-written copy of
 * the spec in expected-registry.ts: a grant is valid iff it is a listed key or `<ownable key>:own`;
 * a check is allowed iff the full grant is held, or the `:own` grant is held and either there is no
 * row (CASL's type-level semantics) or the row's ownerId is the acting user.
 */

const USERS = ["usr_a", "usr_b", "usr_c"] as const;
const VALID_GRANTS = new Set<unknown>([...EXPECTED_KEYS, ...EXPECTED_OWN_GRANTS]);

const rawGrant = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom(...EXPECTED_KEYS, ...EXPECTED_OWN_GRANTS) },
  { weight: 3, arbitrary: fc.constantFrom(...NOT_GRANTS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 24 }) },
);

const roles = fc.array(
  fc.record({ key: fc.constantFrom("role_1", "role_2", "role_3"), grants: fc.array(rawGrant, { maxLength: 12 }) }),
  { maxLength: 4 },
);

// Ownable permissions are a small part of the registry; weight them up so the `:own` paths get most runs.
const permission = fc.oneof(fc.constantFrom(...EXPECTED_KEYS), fc.constantFrom(...EXPECTED_OWNABLE));

/** Describes the row to check against; the row itself is built fresh per check because subject() tags it. */
type RowShape =
  | { kind: "none" }
  | { kind: "mine" }
  | { kind: "owned"; ownerId: string }
  | { kind: "ownerless" }
  | { kind: "null-owner" };
const rowShape: fc.Arbitrary<RowShape> = fc.oneof(
  fc.constant({ kind: "none" as const }),
  // "mine" is the acting user's row; "owned" draws from the same pool, so it sometimes is too.
  fc.constant({ kind: "mine" as const }),
  fc.constantFrom(...USERS, "usr_d").map((ownerId) => ({ kind: "owned" as const, ownerId })),
  fc.constant({ kind: "ownerless" as const }),
  fc.constant({ kind: "null-owner" as const }),
);

function rowOf(shape: RowShape, userId: string): Record<string, unknown> | undefined {
  switch (shape.kind) {
    case "none":
      return undefined;
    case "mine":
      return { id: "row_1", ownerId: userId, name: "x" };
    case "owned":
      return { id: "row_1", ownerId: shape.ownerId, name: "x" };
    case "ownerless":
      return { id: "row_1", name: "x" };
    case "null-owner":
      return { id: "row_1", ownerId: null };
  }
}

function specOf(key: string): { subject: string; action: string } {
  const spec = EXPECTED_PERMISSIONS[key];
  if (!spec) throw new Error(`test bug: ${key} not in the expected registry`);
  return { subject: spec[0], action: spec[1] };
}

function referenceMember(
  held: ReadonlySet<unknown>,
  userId: string,
  key: string,
  row: Record<string, unknown> | undefined,
) {
  if (held.has(key)) return true;
  if (!held.has(`${key}:own`)) return false;
  return row === undefined || row.ownerId === userId;
}

/** Direct CASL call, as a route would make it, bypassing our `can` helper. */
function caslMember(
  ability: ReturnType<typeof buildMemberAbility>,
  key: string,
  row: Record<string, unknown> | undefined,
): boolean {
  const { subject: type, action } = specOf(key);
  const s = type as PermissionSubject;
  return ability.can(action as PermissionAction, row ? subject(s, row) : s);
}

describe("member ability matches the reference model", () => {
  it(
    "for random roles, users, permissions and rows (10,000 runs)",
    () => {
      const seen = { fullAllow: 0, ownRowAllow: 0, ownTypeAllow: 0, ownRowDeny: 0, deny: 0 };
      fc.assert(
        fc.property(roles, fc.constantFrom(...USERS), permission, rowShape, (rs, userId, key, shape) => {
          const reports: unknown[] = [];
          const ability = buildMemberAbility({ userId, roles: rs, onInvalidGrant: (r) => reports.push(r) });

          const raw = rs.flatMap((r) => r.grants);
          const held = new Set(raw.filter((g) => VALID_GRANTS.has(g)));
          const expected = referenceMember(held, userId, key, rowOf(shape, userId));

          expect(caslMember(ability, key, rowOf(shape, userId))).toBe(expected);
          expect(can(ability, key as Permission, rowOf(shape, userId))).toBe(expected);
          expect(reports).toHaveLength(raw.filter((g) => !VALID_GRANTS.has(g)).length);

          if (held.has(key)) seen.fullAllow++;
          else if (held.has(`${key}:own`)) {
            if (shape.kind === "none") seen.ownTypeAllow++;
            else if (expected) seen.ownRowAllow++;
            else seen.ownRowDeny++;
          } else seen.deny++;
        }),
        { numRuns: 10_000 },
      );
      // Guard against a generator drifting so far that a branch of the model is never exercised.
      for (const [branch, count] of Object.entries(seen)) expect(count, branch).toBeGreaterThan(100);
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    "adding invalid grants never changes a decision (2,000 runs)",
    () => {
      const junk = fc.array(fc.oneof(fc.constantFrom(...NOT_GRANTS), fc.string({ maxLength: 24 })), {
        minLength: 1,
        maxLength: 8,
      });
      fc.assert(
        fc.property(roles, junk, fc.constantFrom(...USERS), rowShape, (rs, extra, userId, shape) => {
          const clean = rs.map((r) => ({ key: r.key, grants: r.grants.filter((g) => VALID_GRANTS.has(g)) }));
          const dirty = [...rs, { key: "junk", grants: extra }];
          const a = buildMemberAbility({ userId, roles: clean });
          const b = buildMemberAbility({ userId, roles: dirty });
          for (const key of EXPECTED_KEYS) {
            expect(caslMember(b, key, rowOf(shape, userId)), key).toBe(caslMember(a, key, rowOf(shape, userId)));
          }
        }),
        { numRuns: 2_000 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

describe("API key ability matches the reference model", () => {
  it(
    "for random scopes, permissions and rows (5,000 runs)",
    () => {
      const seen = { allow: 0, deny: 0 };
      fc.assert(
        fc.property(fc.array(rawGrant, { maxLength: 12 }), permission, rowShape, (scopes, key, shape) => {
          const reports: unknown[] = [];
          const ability = buildApiKeyAbility({ keyId: "key_1", scopes, onInvalidScope: (r) => reports.push(r) });

          const allowlisted = (s: unknown) => typeof s === "string" && EXPECTED_API_SCOPES.includes(s);
          // Keys have no user, so `:own` scopes and rows' owners play no part.
          const expected = scopes.includes(key) && allowlisted(key);

          expect(caslMember(ability, key, rowOf(shape, "usr_a"))).toBe(expected);
          expect(can(ability, key as Permission, rowOf(shape, "usr_a"))).toBe(expected);
          expect(reports).toHaveLength(scopes.filter((s) => !allowlisted(s)).length);
          seen[expected ? "allow" : "deny"]++;
        }),
        { numRuns: 5_000 },
      );
      expect(seen.allow).toBeGreaterThan(200);
      expect(seen.deny).toBeGreaterThan(200);
    },
    PROPERTY_TIMEOUT_MS,
  );
});

describe("staff ability matches the reference model", () => {
  it(
    "for random role sets and permissions (5,000 runs)",
    () => {
      const staffKeys = Object.keys(EXPECTED_STAFF_PERMISSIONS);
      const roleKey = fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...Object.keys(EXPECTED_STAFF_ROLES)) },
        {
          weight: 1,
          arbitrary: fc.constantFrom<unknown>("owner", "admin", "", "PLATFORM_ADMIN", "constructor", 1, null),
        },
        { weight: 1, arbitrary: fc.string({ maxLength: 16 }) },
      );
      const seen = { allow: 0, deny: 0 };
      fc.assert(
        fc.property(fc.array(roleKey, { maxLength: 4 }), fc.constantFrom(...staffKeys), (rs, key) => {
          const reports: unknown[] = [];
          const ability = buildStaffAbility({ staffId: "stf_1", roles: rs, onInvalidRole: (r) => reports.push(r) });

          const isRole = (r: unknown): r is string => typeof r === "string" && Object.hasOwn(EXPECTED_STAFF_ROLES, r);
          const expected = rs.some((r) => isRole(r) && EXPECTED_STAFF_ROLES[r]?.includes(key));
          const spec = EXPECTED_STAFF_PERMISSIONS[key];
          if (!spec) throw new Error(`test bug: ${key}`);

          expect(ability.can(spec[1] as StaffAction, spec[0] as StaffSubject)).toBe(expected);
          expect(staffCan(ability, key as StaffPermission)).toBe(expected);
          expect(reports).toHaveLength(rs.filter((r) => !isRole(r)).length);
          seen[expected ? "allow" : "deny"]++;
        }),
        { numRuns: 5_000 },
      );
      expect(seen.allow).toBeGreaterThan(200);
      expect(seen.deny).toBeGreaterThan(200);
    },
    PROPERTY_TIMEOUT_MS,
  );
});
