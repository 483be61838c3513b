/**
 * The permission model as the brief states it, written out by hand and without importing the
 * registry, so tests compare the code against an independent copy rather than against itself.
 * Changing a permission means changing it here too, on purpose.
 */

/** key → [CASL subject, CASL action, ownable, API-key scope] */
export const EXPECTED_PERMISSIONS: Record<string, [subject: string, action: string, ownable: boolean, api: boolean]> = {
  "tenant.read": ["Tenant", "read", false, true],
  "tenant.update": ["Tenant", "update", false, false],
  "member.read": ["Member", "read", false, true],
  "member.invite": ["Member", "invite", false, false],
  "member.update": ["Member", "update", false, false],
  "member.remove": ["Member", "remove", false, false],
  "invitation.read": ["Invitation", "read", false, true],
  "invitation.revoke": ["Invitation", "revoke", false, false],
  "role.read": ["Role", "read", false, true],
  "role.create": ["Role", "create", false, false],
  "role.update": ["Role", "update", false, false],
  "role.delete": ["Role", "delete", false, false],
  "theme.read": ["Theme", "read", false, true],
  "theme.update": ["Theme", "update", false, false],
  "theme.publish": ["Theme", "publish", false, false],
  "domain.read": ["Domain", "read", false, true],
  "domain.manage": ["Domain", "manage", false, false],
  "audit.read": ["AuditEvent", "read", false, true],
  "audit.export": ["AuditEvent", "export", false, true],
  "billing.read": ["Billing", "read", false, false],
  "billing.manage": ["Billing", "manage", false, false],
  "apiKey.read": ["ApiKey", "read", false, false],
  "apiKey.manage": ["ApiKey", "manage", false, false],
  "webhook.read": ["Webhook", "read", false, true],
  "webhook.manage": ["Webhook", "manage", false, false],
  "sso.read": ["Sso", "read", false, false],
  "sso.manage": ["Sso", "manage", false, false],
  "artist.read": ["Artist", "read", false, true],
  "artist.create": ["Artist", "create", false, true],
  "artist.update": ["Artist", "update", true, true],
  "artist.delete": ["Artist", "delete", true, true],
  "event.read": ["Event", "read", false, true],
  "event.create": ["Event", "create", false, true],
  "event.update": ["Event", "update", true, true],
  "event.delete": ["Event", "delete", true, true],
  "event.rsvp": ["Event", "rsvp", false, false],
  "analytics.read": ["Analytics", "read", false, true],
};

export const EXPECTED_KEYS = Object.keys(EXPECTED_PERMISSIONS);
export const EXPECTED_OWNABLE = EXPECTED_KEYS.filter((k) => EXPECTED_PERMISSIONS[k]?.[2]);
export const EXPECTED_API_SCOPES = EXPECTED_KEYS.filter((k) => EXPECTED_PERMISSIONS[k]?.[3]);
export const EXPECTED_OWN_GRANTS = EXPECTED_OWNABLE.map((k) => `${k}:own`);

/** staff key → [CASL subject, CASL action] */
export const EXPECTED_STAFF_PERMISSIONS: Record<string, [subject: string, action: string]> = {
  "platform.tenant.read": ["PlatformTenant", "read"],
  "platform.tenant.create": ["PlatformTenant", "create"],
  "platform.tenant.suspend": ["PlatformTenant", "suspend"],
  "platform.tenant.offboard": ["PlatformTenant", "offboard"],
  "platform.provisioning.retry": ["PlatformProvisioning", "retry"],
  "platform.audit.read": ["PlatformAudit", "read"],
  "platform.security.unlock": ["PlatformSecurity", "unlock"],
  "platform.staff.manage": ["PlatformStaff", "manage"],
  "platform.billing.read": ["PlatformBilling", "read"],
  "platform.billing.manage": ["PlatformBilling", "manage"],
  "platform.revenue.read": ["PlatformRevenue", "read"],
  "platform.mailbox.read": ["PlatformMailbox", "read"],
};

export const EXPECTED_STAFF_ROLES: Record<string, string[]> = {
  platform_admin: Object.keys(EXPECTED_STAFF_PERMISSIONS),
  onboarding: ["platform.tenant.read", "platform.tenant.create", "platform.provisioning.retry", "platform.audit.read"],
  support: ["platform.tenant.read", "platform.audit.read", "platform.billing.read"],
  billing_ops: ["platform.tenant.read", "platform.billing.read", "platform.billing.manage", "platform.revenue.read"],
};

/** Strings and values that look like grants but are not; none may ever grant anything. */
export const NOT_GRANTS: unknown[] = [
  "artist.fly",
  "tenant.read:own",
  "billing.manage:own",
  "artist.update:all",
  "artist.update:own:own",
  "ARTIST.READ",
  " artist.read",
  "artist.read ",
  "artist",
  "read",
  "manage",
  "all",
  "*",
  "Artist.read",
  "platform.tenant.read",
  "__any_action__",
  "",
  ":own",
  null,
  undefined,
  42,
  { key: "artist.read" },
  ["artist.read"],
];
