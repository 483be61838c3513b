import { createMongoAbility, type ForcedSubject, type MongoAbility, type RawRuleOf, subject } from "@casl/ability";
import { ForbiddenError } from "../errors";
import {
  ApiKeyScopeSchema,
  type Grant,
  GrantSchema,
  getPermission,
  OWN_SUFFIX,
  type Permission,
  type PermissionAction,
  type PermissionSubject,
  parseGrant,
} from "./permissions";
import {
  getStaffPermission,
  getStaffRole,
  type StaffAction,
  type StaffPermission,
  StaffRoleKeySchema,
  type StaffSubject,
} from "./staff-roles";

/**
 * Turning grants into CASL abilities. Every builder starts from an empty ability (deny by default)
 * and only adds `can` rules for grants that validate against the registry, so a bad or unknown
 * stored grant can only ever remove access, never add it. No builder emits `cannot` rules.
 */

/**
 * CASL treats the action `manage` and the subject `all` as wildcards. The registry uses `manage` as
 * an ordinary action (`billing.manage` must not imply `billing.read`), so the wildcards are renamed
 * to names no registry entry can produce. Anything that rebuilds an ability from these rules (e.g.
 * the browser via `@casl/react`) must pass the same options.
 */
export const ABILITY_OPTIONS = {
  anyAction: "__any_action__",
  anySubjectType: "__any_subject__",
} as const;

/** A loaded row tagged with its subject type, as produced by `subject(type, row)`. */
type Tagged<S extends string> = ForcedSubject<S> & object;

export type AppSubject = PermissionSubject | Tagged<PermissionSubject>;
export type AppAbility = MongoAbility<[PermissionAction, AppSubject]>;
export type AppRule = RawRuleOf<AppAbility>;

export type StaffAbility = MongoAbility<[StaffAction, StaffSubject | Tagged<StaffSubject>]>;
export type StaffRule = RawRuleOf<StaffAbility>;

/** CASL's tagger for instance checks: `ability.can("update", subject("Artist", row))`. */
export { subject };

export type InvalidGrantReport = {
  /** Role key for member abilities, key id for API keys, staff id for staff. */
  source: string;
  grant: unknown;
  message: string;
};

export type OnInvalidGrant = (report: InvalidGrantReport) => void;

/**
 * The CASL rule a grant stands for. `:own` grants become a condition on the row's `ownerId`, which
 * needs the acting user's id; asking for one without it is a programming error.
 */
export function permissionToRule(grant: Grant, userId?: string): AppRule {
  const { permission, own } = parseGrant(grant);
  const { subject: type, action } = getPermission(permission);
  if (!own) return { action, subject: type };
  assertUsableUserId(userId, grant);
  return { action, subject: type, conditions: { ownerId: userId } };
}

export function buildMemberAbility(input: {
  userId: string;
  roles: ReadonlyArray<{ key: string; grants: readonly unknown[] }>;
  onInvalidGrant?: OnInvalidGrant;
}): AppAbility {
  // Checked before anything else: `{ ownerId: undefined }` would match every row without an owner.
  assertUsableUserId(input.userId, "member ability");
  const grants = new Set<Grant>();
  for (const role of input.roles) {
    for (const raw of role.grants) {
      const parsed = GrantSchema.safeParse(raw);
      if (parsed.success) grants.add(parsed.data);
      else input.onInvalidGrant?.({ source: role.key, grant: raw, message: firstMessage(parsed.error) });
    }
  }
  const rules: AppRule[] = [];
  for (const grant of grants) {
    // An `:own` rule next to the unconditional one decides nothing; leaving it out keeps checks short.
    if (grant.endsWith(OWN_SUFFIX) && grants.has(parseGrant(grant).permission)) continue;
    rules.push(permissionToRule(grant, input.userId));
  }
  return createMongoAbility<AppAbility>(rules, ABILITY_OPTIONS);
}

/**
 * An API key's ability: only scopes the registry marks `apiKeyScope` count. Anything else — unknown,
 * `:own`, or a permission keys may not hold — is dropped and reported, so a key row written before a
 * permission was withdrawn from keys loses it on the next request.
 */
export function buildApiKeyAbility(input: {
  keyId: string;
  scopes: readonly unknown[];
  onInvalidScope?: OnInvalidGrant;
}): AppAbility {
  const rules: AppRule[] = [];
  const seen = new Set<string>();
  for (const raw of input.scopes) {
    const parsed = ApiKeyScopeSchema.safeParse(raw);
    if (!parsed.success) {
      input.onInvalidScope?.({ source: input.keyId, grant: raw, message: firstMessage(parsed.error) });
      continue;
    }
    if (seen.has(parsed.data)) continue;
    seen.add(parsed.data);
    rules.push(permissionToRule(parsed.data));
  }
  return createMongoAbility<AppAbility>(rules, ABILITY_OPTIONS);
}

/** A staff member's ability from their platform role keys; unknown role keys grant nothing. */
export function buildStaffAbility(input: {
  staffId: string;
  roles: readonly unknown[];
  onInvalidRole?: OnInvalidGrant;
}): StaffAbility {
  const permissions = new Set<StaffPermission>();
  for (const raw of input.roles) {
    const parsed = StaffRoleKeySchema.safeParse(raw);
    if (!parsed.success) {
      input.onInvalidRole?.({ source: input.staffId, grant: raw, message: `unknown staff role ${describe(raw)}` });
      continue;
    }
    for (const permission of getStaffRole(parsed.data).permissions) permissions.add(permission);
  }
  const rules: StaffRule[] = [...permissions].map((permission) => {
    const { subject: type, action } = getStaffPermission(permission);
    return { action, subject: type };
  });
  return createMongoAbility<StaffAbility>(rules, ABILITY_OPTIONS);
}

/**
 * Checks a registry permission, on a row when given. Without a row this is CASL's type-level check:
 * an `:own` grant answers true ("may update some artists"), so list queries must add the `ownerId`
 * filter themselves. The row is copied before tagging because `subject()` stamps its argument and
 * throws if the same object is later tagged with another type.
 */
export function can(ability: AppAbility, permission: Permission, resource?: object): boolean {
  const { subject: type, action } = getPermission(permission);
  return resource ? ability.can(action, subject(type, { ...resource })) : ability.can(action, type);
}

/** `can`, throwing the domain's `ForbiddenError` (naming the permission) when denied. */
export function assertCan(ability: AppAbility, permission: Permission, resource?: object): void {
  if (!can(ability, permission, resource)) {
    throw new ForbiddenError(`missing permission "${permission}"`, permission);
  }
}

export function staffCan(ability: StaffAbility, permission: StaffPermission): boolean {
  const { subject: type, action } = getStaffPermission(permission);
  return ability.can(action, type);
}

export function assertStaffCan(ability: StaffAbility, permission: StaffPermission): void {
  if (!staffCan(ability, permission)) {
    throw new ForbiddenError(`missing staff permission "${permission}"`, permission);
  }
}

function assertUsableUserId(userId: unknown, what: string): asserts userId is string {
  if (typeof userId !== "string" || userId.length === 0) {
    throw new TypeError(`${what} needs the acting user's id`);
  }
}

function firstMessage(error: { issues: ReadonlyArray<{ message: string }> }): string {
  return error.issues[0]?.message ?? "invalid grant";
}

function describe(value: unknown): string {
  return typeof value === "string" ? `"${value}"` : typeof value;
}
