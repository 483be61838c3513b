import { can } from "@mw/core/authz";
import { LocalTime } from "@mw/core/ui/local-time";
import type { Metadata } from "next";
import { ActionButton } from "../../../../components/console/action-button";
import { InviteForm, MemberRolesForm } from "../../../../components/console/member-forms";
import { NoAccess } from "../../../../components/console/no-access";
import type { PickableRole } from "../../../../components/console/role-picker";
import { permissionFlags, requireConsoleAdmin, ungrantable } from "../../../../lib/console/access";
import { listMembers, listPendingInvitations, listRoles } from "../../../../lib/console/queries";
import { removeMemberAction, revokeInvitationAction } from "./actions";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage() {
  const c = await requireConsoleAdmin("/console/members");
  const ability = c.session.ability;
  if (!can(ability, "member.read")) return <NoAccess what="members" permission="member.read" />;
  const perms = permissionFlags(ability, [
    "member.invite",
    "member.update",
    "member.remove",
    "invitation.read",
    "invitation.revoke",
  ]);
  const [members, roles, invitations] = await Promise.all([
    listMembers(c.tenant.id),
    listRoles(c.tenant.id),
    perms["invitation.read"] ? listPendingInvitations(c.tenant.id) : Promise.resolve([]),
  ]);
  const pickable: PickableRole[] = roles.map((r) => ({
    key: r.key,
    name: r.name,
    description: r.description,
    isSystem: r.isSystem,
    ungrantable: ungrantable(ability, r.grants),
  }));
  const roleName = (key: string) => roles.find((r) => r.key === key)?.name ?? key;
  const now = Date.now();

  return (
    <>
      <header className="ac-page-header">
        <div>
          <h1>Members</h1>
          <p className="ac-muted">
            {members.length} {members.length === 1 ? "person has" : "people have"} access to {c.tenant.name}.
          </p>
        </div>
      </header>

      {perms["member.invite"] ? (
        <section className="ac-card">
          <h2>Invite someone</h2>
          <p className="ac-muted">They get an e-mail with a link that is valid for 7 days.</p>
          <InviteForm roles={pickable} />
        </section>
      ) : null}

      <section className="ac-card">
        <h2>People</h2>
        <table className="ac-table" aria-label="Members">
          <thead>
            <tr>
              <th>Member</th>
              <th>Roles</th>
              <th>Joined</th>
              <th>Last sign-in</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {members.map((m) => {
              const you = m.membershipId === c.session.membershipId;
              const current = m.roles.map((r) => r.key);
              return (
                <tr key={m.membershipId} data-testid="member-row" data-email={m.email}>
                  <td>
                    <div className="ac-strong">
                      {m.name || m.email}
                      {you ? <span className="ac-tag">you</span> : null}
                      {m.status !== "active" ? <span className="ac-badge suspended">{m.status}</span> : null}
                    </div>
                    {m.name ? <div className="ac-muted ac-small">{m.email}</div> : null}
                  </td>
                  <td>
                    {m.roles.length === 0 ? <span className="ac-muted">No roles</span> : null}
                    {m.roles.map((r) => (
                      <span key={r.key} className="ac-pill">
                        {r.name}
                      </span>
                    ))}
                  </td>
                  <td className="ac-nowrap">
                    <LocalTime date={m.joinedAt} style="date" />
                  </td>
                  <td className="ac-nowrap" data-testid="last-sign-in">
                    {m.lastSignInAt ? (
                      <LocalTime date={m.lastSignInAt} relative />
                    ) : (
                      <span className="ac-muted">never</span>
                    )}
                  </td>
                  <td className="ac-actions-cell">
                    {perms["member.update"] ? (
                      <details className="ac-disclosure">
                        <summary>Change roles</summary>
                        <MemberRolesForm
                          key={current.join(",")}
                          membershipId={m.membershipId}
                          roles={pickable}
                          current={current}
                        />
                      </details>
                    ) : null}
                    {perms["member.remove"] ? (
                      <ActionButton
                        action={removeMemberAction}
                        fields={{ membershipId: m.membershipId }}
                        label={you ? "Leave" : "Remove"}
                        pendingLabel="Removing…"
                        variant="danger"
                        confirm={
                          you
                            ? "Remove yourself from this organization? You will be signed out."
                            : `Remove ${m.email} from ${c.tenant.name}? They lose access immediately.`
                        }
                      />
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      {perms["invitation.read"] ? (
        <section className="ac-card">
          <h2>Pending invitations</h2>
          {invitations.length === 0 ? (
            <p className="ac-empty">No pending invitations.{perms["member.invite"] ? " Invite someone above." : ""}</p>
          ) : (
            <table className="ac-table" aria-label="Pending invitations">
              <thead>
                <tr>
                  <th>E-mail</th>
                  <th>Roles</th>
                  <th>Invited by</th>
                  <th>Expires</th>
                  <th aria-label="Actions" />
                </tr>
              </thead>
              <tbody>
                {invitations.map((i) => (
                  <tr key={i.id} data-testid="invitation-row" data-email={i.email}>
                    <td className="ac-strong">{i.email}</td>
                    <td>
                      {i.roleKeys.map((k) => (
                        <span key={k} className="ac-pill">
                          {roleName(k)}
                        </span>
                      ))}
                    </td>
                    <td>{i.invitedByEmail ?? i.invitedBy}</td>
                    <td className="ac-nowrap">
                      {i.expiresAt.getTime() < now ? (
                        <span className="ac-badge lapsed">expired</span>
                      ) : (
                        <LocalTime date={i.expiresAt} relative />
                      )}
                    </td>
                    <td className="ac-actions-cell">
                      {perms["invitation.revoke"] ? (
                        <ActionButton
                          action={revokeInvitationAction}
                          fields={{ invitationId: i.id }}
                          label="Revoke"
                          pendingLabel="Revoking…"
                          variant="danger"
                          confirm={`Revoke the invitation for ${i.email}? The link in their e-mail stops working.`}
                        />
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ) : null}
    </>
  );
}
