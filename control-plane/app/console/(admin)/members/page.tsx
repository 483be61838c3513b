import { can } from "@mw/core/authz";
import { LocalTime } from "@mw/core/ui/local-time";
import { formatCount } from "@mw/core/ui/numbers";
import { Badge } from "@mw/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@mw/ui/card";
import { EmptyState } from "@mw/ui/empty-state";
import { PageHeader } from "@mw/ui/page-header";
import { Table, TBody, TD, TH, THead, TR } from "@mw/ui/table";
import { MailOpen } from "lucide-react";
import type { Metadata } from "next";
import { ActionButton } from "../../../../components/console/action-button";
import { InviteForm, MemberRolesForm } from "../../../../components/console/member-forms";
import { NoAccess } from "../../../../components/console/no-access";
import type { PickableRole } from "../../../../components/console/role-picker";
import { permissionFlags, requireConsoleAdmin, ungrantable } from "../../../../lib/console/access";
import { listMembers, listPendingInvitations, listRoles } from "../../../../lib/console/queries";
import { viewerLocale } from "../../../../lib/locale";
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
      <PageHeader
        title="Members"
        description={`${formatCount(members.length, "person", "people", await viewerLocale())} ${members.length === 1 ? "has" : "have"} access to ${c.tenant.name}.`}
      />
      <div className="grid gap-6">
        {perms["member.invite"] ? (
          <Card>
            <CardHeader>
              <div>
                <CardTitle>Invite someone</CardTitle>
                <CardDescription>They get an e-mail with a link that is valid for 7 days.</CardDescription>
              </div>
            </CardHeader>
            <CardContent>
              <InviteForm roles={pickable} />
            </CardContent>
          </Card>
        ) : null}

        <Card>
          <CardHeader>
            <CardTitle>People</CardTitle>
          </CardHeader>
          <CardContent>
            <Table label="Members">
              <THead>
                <TR>
                  <TH>Member</TH>
                  <TH>Roles</TH>
                  <TH>Joined</TH>
                  <TH>Last seen</TH>
                  <TH>
                    <span className="sr-only">Actions</span>
                  </TH>
                </TR>
              </THead>
              <TBody>
                {members.map((m) => {
                  const you = m.membershipId === c.session.membershipId;
                  const current = m.roles.map((r) => r.key);
                  return (
                    <TR key={m.membershipId} data-testid="member-row" data-email={m.email}>
                      <TD>
                        <div className="flex flex-wrap items-center gap-1.5 font-medium">
                          {m.name || m.email}
                          {you ? <Badge tone="outline">you</Badge> : null}
                          {m.status !== "active" ? <Badge tone="warning">{m.status}</Badge> : null}
                        </div>
                        {m.name ? <div className="text-muted-foreground text-xs">{m.email}</div> : null}
                      </TD>
                      <TD>
                        <div className="flex flex-wrap gap-1">
                          {m.roles.length === 0 ? <span className="text-muted-foreground">No roles</span> : null}
                          {m.roles.map((r) => (
                            <Badge key={r.key}>{r.name}</Badge>
                          ))}
                        </div>
                      </TD>
                      <TD className="whitespace-nowrap">
                        <LocalTime date={m.joinedAt} style="date" />
                      </TD>
                      <TD className="whitespace-nowrap" data-testid="last-seen">
                        {m.lastSeenAt ? (
                          <LocalTime date={m.lastSeenAt} relative />
                        ) : (
                          <span className="text-muted-foreground">never</span>
                        )}
                      </TD>
                      <TD>
                        <div className="flex justify-end gap-2">
                          {perms["member.update"] ? (
                            <MemberRolesForm
                              key={current.join(",")}
                              membershipId={m.membershipId}
                              who={m.name || m.email}
                              roles={pickable}
                              current={current}
                            />
                          ) : null}
                          {perms["member.remove"] ? (
                            <ActionButton
                              action={removeMemberAction}
                              fields={{ membershipId: m.membershipId }}
                              label={you ? "Leave" : "Remove"}
                              pendingLabel="Removing…"
                              variant="danger-outline"
                              confirm={
                                you
                                  ? {
                                      title: "Leave this organization?",
                                      description: "You will be signed out and lose access to this console.",
                                      confirmLabel: "Leave",
                                    }
                                  : {
                                      title: `Remove ${m.email}?`,
                                      description: `They lose access to ${c.tenant.name} immediately.`,
                                      confirmLabel: "Remove member",
                                    }
                              }
                            />
                          ) : null}
                        </div>
                      </TD>
                    </TR>
                  );
                })}
              </TBody>
            </Table>
          </CardContent>
        </Card>

        {perms["invitation.read"] ? (
          <Card>
            <CardHeader>
              <CardTitle>Pending invitations</CardTitle>
            </CardHeader>
            <CardContent>
              {invitations.length === 0 ? (
                <EmptyState
                  icon={MailOpen}
                  title="No pending invitations"
                  description={perms["member.invite"] ? "Invite someone above." : undefined}
                />
              ) : (
                <Table label="Pending invitations">
                  <THead>
                    <TR>
                      <TH>E-mail</TH>
                      <TH>Roles</TH>
                      <TH>Invited by</TH>
                      <TH>Expires</TH>
                      <TH>
                        <span className="sr-only">Actions</span>
                      </TH>
                    </TR>
                  </THead>
                  <TBody>
                    {invitations.map((i) => (
                      <TR key={i.id} data-testid="invitation-row" data-email={i.email}>
                        <TD className="font-medium">{i.email}</TD>
                        <TD>
                          <div className="flex flex-wrap gap-1">
                            {i.roleKeys.map((k) => (
                              <Badge key={k}>{roleName(k)}</Badge>
                            ))}
                          </div>
                        </TD>
                        <TD>{i.invitedByEmail ?? i.invitedBy}</TD>
                        <TD className="whitespace-nowrap">
                          {i.expiresAt.getTime() < now ? (
                            <Badge tone="warning">expired</Badge>
                          ) : (
                            <LocalTime date={i.expiresAt} relative />
                          )}
                        </TD>
                        <TD>
                          <div className="flex justify-end">
                            {perms["invitation.revoke"] ? (
                              <ActionButton
                                action={revokeInvitationAction}
                                fields={{ invitationId: i.id }}
                                label="Revoke"
                                pendingLabel="Revoking…"
                                variant="danger-outline"
                                confirm={{
                                  title: `Revoke the invitation for ${i.email}?`,
                                  description: "The link in their e-mail stops working.",
                                  confirmLabel: "Revoke invitation",
                                }}
                              />
                            ) : null}
                          </div>
                        </TD>
                      </TR>
                    ))}
                  </TBody>
                </Table>
              )}
            </CardContent>
          </Card>
        ) : null}
      </div>
    </>
  );
}
