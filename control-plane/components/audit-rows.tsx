import { schema as s, type schema, type TenantTx } from "@mw/core/db";
import { LocalTime } from "@mw/core/ui/local-time";
import { Table, TBody, TD, TH, THead, TR } from "@mw/ui/table";
import { inArray, sql } from "drizzle-orm";

type AuditRow = typeof schema.auditEvents.$inferSelect;

/**
 * Names for the ids an audit page shows (people, staff, memberships, domains, the tenant, themes,
 * invitations, artists, events), read in the tenant's transaction so RLS scopes the tenant's tables.
 * An id without a name (a deleted artist) stays an id.
 */
export async function auditNames(
  tx: TenantTx,
  events: readonly Pick<AuditRow, "actorId" | "targetId">[],
): Promise<Map<string, string>> {
  const ids = [...new Set(events.flatMap((e) => [e.actorId, e.targetId]))];
  const names = new Map<string, string>();
  if (ids.length === 0) return names;
  const [users, staff, members, domains, tenants, invitations, themes, artists, shows] = await Promise.all([
    tx
      .select({ id: s.users.id, name: s.users.name, email: s.users.email })
      .from(s.users)
      .where(inArray(s.users.id, ids)),
    tx.select({ id: s.staffUsers.id, name: s.staffUsers.name }).from(s.staffUsers).where(inArray(s.staffUsers.id, ids)),
    tx
      .select({ id: s.memberships.id, userId: s.memberships.userId })
      .from(s.memberships)
      .where(inArray(s.memberships.id, ids)),
    tx.select({ id: s.domains.id, name: s.domains.hostname }).from(s.domains).where(inArray(s.domains.id, ids)),
    tx.select({ id: s.tenants.id, name: s.tenants.name }).from(s.tenants).where(inArray(s.tenants.id, ids)),
    tx
      .select({ id: s.invitations.id, name: s.invitations.email })
      .from(s.invitations)
      .where(inArray(s.invitations.id, ids)),
    // A theme is its name (from its tokens) and version: every save and publish is a new version.
    tx
      .select({ id: s.themes.id, name: sql<string | null>`${s.themes.tokens} ->> 'name'`, version: s.themes.version })
      .from(s.themes)
      .where(inArray(s.themes.id, ids)),
    tx.select({ id: s.artists.id, name: s.artists.name }).from(s.artists).where(inArray(s.artists.id, ids)),
    tx.select({ id: s.events.id, name: s.events.title }).from(s.events).where(inArray(s.events.id, ids)),
  ]);
  for (const u of users) names.set(u.id, u.name || u.email);
  for (const r of [...staff, ...domains, ...tenants, ...invitations, ...artists, ...shows]) names.set(r.id, r.name);
  for (const t of themes) names.set(t.id, `${t.name || "Theme"} (v${t.version})`);
  const memberUsers = members.length
    ? await tx
        .select({ id: s.users.id, name: s.users.name, email: s.users.email })
        .from(s.users)
        .where(
          inArray(
            s.users.id,
            members.map((m) => m.userId),
          ),
        )
    : [];
  const userName = new Map(memberUsers.map((u) => [u.id, u.name || u.email]));
  for (const m of members) names.set(m.id, userName.get(m.userId) ?? m.id);
  return names;
}

/** Who did what to what, newest first, with names instead of ids. */
export function AuditRows({ events, names }: { events: readonly AuditRow[]; names: ReadonlyMap<string, string> }) {
  const who = (type: string, id: string) => names.get(id) ?? (type === "system" ? "System" : `${type} ${id}`);
  return (
    <Table label="Recent audit events">
      <THead>
        <TR>
          <TH>When</TH>
          <TH>Action</TH>
          <TH>By</TH>
          <TH>On</TH>
        </TR>
      </THead>
      <TBody>
        {events.map((e) => (
          <TR key={e.seq}>
            <TD className="whitespace-nowrap text-muted-foreground">
              <LocalTime date={e.occurredAt} relative />
            </TD>
            <TD>
              <code className="font-mono text-xs">{e.action}</code>
            </TD>
            <TD>
              {who(e.actorType, e.actorId)} <span className="text-muted-foreground text-xs">({e.actorType})</span>
            </TD>
            <TD>
              {who(e.targetType, e.targetId)} <span className="text-muted-foreground text-xs">({e.targetType})</span>
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
