import { z } from "zod";

/**
 * The tenant permission registry: the one list that system roles, custom roles, API-key scopes and
 * UI gating are all derived from. Adding a permission here is the only way to make a new one exist;
 * anything not listed is rejected by `GrantSchema` and therefore can never reach an ability.
 *
 * Key `"<resource>.<action>"` maps to the CASL rule `can(action, subject)`. The resource part of the
 * key is camelCase (what routes and UI use), `subject` is the PascalCase CASL subject type (what
 * `subject(type, row)` tags a loaded row with); they differ only in case except `audit` → `AuditEvent`.
 */

export type PermissionGroup =
  | "Organization"
  | "People"
  | "Branding"
  | "Security"
  | "Developers"
  | "Billing"
  | "Content"
  | "Insights";

export type PermissionDefinition = {
  readonly key: string;
  readonly subject: string;
  readonly action: string;
  readonly description: string;
  readonly group: PermissionGroup;
  /** An `<key>:own` grant exists, limited to rows whose `ownerId` equals the acting user id. */
  readonly ownable: boolean;
  /** API keys may hold it. Off for anything that manages access itself (roles, keys, SSO, billing),
   *  so a leaked key cannot be used to mint more access, and for actions that need a person (RSVP). */
  readonly apiKeyScope: boolean;
};

export const PERMISSIONS = [
  p("tenant.read", "Tenant", "read", "Organization", "See the organization's name, slug and settings", { api: true }),
  p("tenant.update", "Tenant", "update", "Organization", "Change the organization's name and settings"),

  p("member.read", "Member", "read", "People", "See members and their roles", { api: true }),
  p("member.invite", "Member", "invite", "People", "Invite people to join"),
  p("member.update", "Member", "update", "People", "Change a member's roles"),
  p("member.remove", "Member", "remove", "People", "Remove members"),
  p("invitation.read", "Invitation", "read", "People", "See pending invitations", { api: true }),
  p("invitation.revoke", "Invitation", "revoke", "People", "Revoke pending invitations"),
  p("role.read", "Role", "read", "People", "See roles and their permissions", { api: true }),
  p("role.create", "Role", "create", "People", "Create custom roles"),
  p("role.update", "Role", "update", "People", "Change the permissions of custom roles"),
  p("role.delete", "Role", "delete", "People", "Delete custom roles"),

  p("theme.read", "Theme", "read", "Branding", "See the theme", { api: true }),
  p("theme.update", "Theme", "update", "Branding", "Edit the draft theme"),
  p("theme.publish", "Theme", "publish", "Branding", "Publish the theme to the live site"),
  p("domain.read", "Domain", "read", "Branding", "See custom domains and their verification status", { api: true }),
  p("domain.manage", "Domain", "manage", "Branding", "Add, verify and remove custom domains"),

  p("audit.read", "AuditEvent", "read", "Security", "View the audit log", { api: true }),
  p("audit.export", "AuditEvent", "export", "Security", "Export the audit log as CSV or JSON", { api: true }),
  p("sso.read", "Sso", "read", "Security", "See the single sign-on configuration"),
  p("sso.manage", "Sso", "manage", "Security", "Configure single sign-on and directory sync"),

  p("apiKey.read", "ApiKey", "read", "Developers", "See API keys (never their secrets)"),
  p("apiKey.manage", "ApiKey", "manage", "Developers", "Create, rotate and revoke API keys"),
  p("webhook.read", "Webhook", "read", "Developers", "See webhook endpoints and deliveries", { api: true }),
  p("webhook.manage", "Webhook", "manage", "Developers", "Add, change and remove webhook endpoints"),

  p("billing.read", "Billing", "read", "Billing", "See the plan, invoices and usage"),
  p("billing.manage", "Billing", "manage", "Billing", "Change the plan and payment method"),

  p("artist.read", "Artist", "read", "Content", "See artists", { api: true }),
  p("artist.create", "Artist", "create", "Content", "Create artists", { api: true }),
  p("artist.update", "Artist", "update", "Content", "Edit artists", { api: true, ownable: true }),
  p("artist.delete", "Artist", "delete", "Content", "Delete artists", { api: true, ownable: true }),
  p("event.read", "Event", "read", "Content", "See events", { api: true }),
  p("event.create", "Event", "create", "Content", "Create events", { api: true }),
  p("event.update", "Event", "update", "Content", "Edit events", { api: true, ownable: true }),
  p("event.delete", "Event", "delete", "Content", "Delete events", { api: true, ownable: true }),
  p("event.rsvp", "Event", "rsvp", "Content", "RSVP to events"),

  p("analytics.read", "Analytics", "read", "Insights", "View analytics dashboards", { api: true }),
] as const;

// Literal types survive because every argument is a const type parameter.
function p<
  const K extends string,
  const S extends string,
  const A extends string,
  const O extends { api?: boolean; ownable?: boolean } = Record<never, never>,
>(key: K, subject: S, action: A, group: PermissionGroup, description: string, options?: O) {
  return {
    key,
    subject,
    action,
    group,
    description,
    ownable: (options?.ownable ?? false) as O["ownable"] extends true ? true : false,
    apiKeyScope: (options?.api ?? false) as O["api"] extends true ? true : false,
  } satisfies PermissionDefinition;
}

type Definition = (typeof PERMISSIONS)[number];

export type Permission = Definition["key"];
export type PermissionSubject = Definition["subject"];
export type PermissionAction = Definition["action"];
export type OwnablePermission = Extract<Definition, { ownable: true }>["key"];
export type ApiKeyPermission = Extract<Definition, { apiKeyScope: true }>["key"];

/** What a role or key holds: a permission on every row, or (`:own`) only on rows the actor owns. */
export type Grant = Permission | `${OwnablePermission}:own`;

export const OWN_SUFFIX = ":own";

const BY_KEY: ReadonlyMap<string, Definition> = new Map(PERMISSIONS.map((d) => [d.key, d]));

export function isPermission(value: unknown): value is Permission {
  return typeof value === "string" && BY_KEY.has(value);
}

export function getPermission<K extends Permission>(key: K): Extract<Definition, { key: K }> {
  const definition = BY_KEY.get(key);
  // Unreachable for a typed caller; kept so a cast-in string fails loudly rather than granting nothing silently.
  if (!definition) throw new Error(`unknown permission "${key}"`);
  return definition as Extract<Definition, { key: K }>;
}

/** Splits a grant into its permission and scope. Assumes a valid grant (see `GrantSchema`). */
export function parseGrant(grant: Grant): { permission: Permission; own: boolean } {
  if (grant.endsWith(OWN_SUFFIX)) {
    return { permission: grant.slice(0, -OWN_SUFFIX.length) as Permission, own: true };
  }
  return { permission: grant as Permission, own: false };
}

/** Why `value` is not a grant, or `undefined` when it is one. */
export function grantProblem(value: string): string | undefined {
  const own = value.endsWith(OWN_SUFFIX);
  const key = own ? value.slice(0, -OWN_SUFFIX.length) : value;
  const definition = BY_KEY.get(key);
  if (!definition) return `unknown permission "${key}"`;
  if (own && !definition.ownable) return `"${value}" cannot be scoped to own records`;
  return undefined;
}

export const GrantSchema = z
  .string()
  .superRefine((value, ctx) => {
    const problem = grantProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .transform((value) => value as Grant);

export const MAX_GRANTS = 100;

/**
 * A role's grant list. Repeats are dropped rather than rejected: they change nothing about what the
 * role allows, and stored roles edited by hand should not fail on them.
 */
export const GrantsSchema = z
  .array(GrantSchema)
  .max(MAX_GRANTS, { message: `a role holds at most ${MAX_GRANTS} grants` })
  .transform((grants) => [...new Set(grants)]);

/** Every grant that can exist: each permission, plus the `:own` variant of each ownable one. */
export const ALL_GRANTS: readonly Grant[] = PERMISSIONS.flatMap((d): Grant[] =>
  d.ownable ? [d.key, `${d.key}${OWN_SUFFIX}` as Grant] : [d.key],
);

/** Registry entries in registry order, grouped for permission pickers and settings screens. */
export function permissionsByGroup(): ReadonlyMap<PermissionGroup, readonly Definition[]> {
  const groups = new Map<PermissionGroup, Definition[]>();
  for (const definition of PERMISSIONS) {
    const list = groups.get(definition.group) ?? [];
    list.push(definition);
    groups.set(definition.group, list);
  }
  return groups;
}

/** Why `value` may not be an API-key scope, or `undefined` when it may. */
export function apiKeyScopeProblem(value: string): string | undefined {
  const problem = grantProblem(value);
  if (problem) return problem;
  // A key acts for an integration, not a person, so "own records" has no owner to compare with.
  if (value.endsWith(OWN_SUFFIX)) return `"${value}": API keys cannot hold own-scoped grants`;
  if (!BY_KEY.get(value)?.apiKeyScope) return `"${value}" cannot be granted to an API key`;
  return undefined;
}

export const ApiKeyScopeSchema = z
  .string()
  .superRefine((value, ctx) => {
    const problem = apiKeyScopeProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .transform((value) => value as ApiKeyPermission);

export const ApiKeyScopesSchema = z
  .array(ApiKeyScopeSchema)
  .max(MAX_GRANTS, { message: `an API key holds at most ${MAX_GRANTS} scopes` })
  .transform((scopes) => [...new Set(scopes)]);

export const API_KEY_PERMISSIONS: readonly ApiKeyPermission[] = PERMISSIONS.filter(
  (d): d is Extract<Definition, { apiKeyScope: true }> => d.apiKeyScope,
).map((d) => d.key);
