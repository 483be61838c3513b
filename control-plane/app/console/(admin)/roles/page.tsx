import { can, PERMISSIONS } from "@mw/core/authz";
import { Badge } from "@mw/ui/badge";
import { Button } from "@mw/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@mw/ui/card";
import { EmptyState } from "@mw/ui/empty-state";
import { PageHeader } from "@mw/ui/page-header";
import { Table, TBody, TD, TH, THead, TR } from "@mw/ui/table";
import { Plus, Shield } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { ActionButton } from "../../../../components/console/action-button";
import { NoAccess } from "../../../../components/console/no-access";
import { permissionFlags, requireConsoleAdmin } from "../../../../lib/console/access";
import { listRoles, type RoleSummary } from "../../../../lib/console/queries";
import { deleteRoleAction } from "./actions";

export const metadata: Metadata = { title: "Roles" };

export default async function RolesPage() {
  const c = await requireConsoleAdmin("/console/roles");
  if (!can(c.session.ability, "role.read")) return <NoAccess what="roles" permission="role.read" />;
  const perms = permissionFlags(c.session.ability, ["role.create", "role.update", "role.delete"]);
  const roles = await listRoles(c.tenant.id);
  const system = roles.filter((r) => r.isSystem);
  const custom = roles.filter((r) => !r.isSystem);
  return (
    <>
      <PageHeader
        title="Roles"
        description="A member can do what any of their roles allows. Built-in roles are fixed; define your own for anything else."
        actions={
          perms["role.create"] ? (
            <Button asChild>
              <Link href="/console/roles/new">
                <Plus aria-hidden />
                New custom role
              </Link>
            </Button>
          ) : null
        }
      />
      <div className="grid gap-6">
        <Card>
          <CardHeader>
            <CardTitle>Custom roles</CardTitle>
          </CardHeader>
          <CardContent>
            {custom.length === 0 ? (
              <EmptyState
                icon={Shield}
                title="No custom roles yet"
                description={
                  perms["role.create"] ? "Create one to give people exactly the permissions they need." : undefined
                }
              />
            ) : (
              <Table label="Custom roles">
                <THead>
                  <TR>
                    <TH>Role</TH>
                    <TH>Permissions</TH>
                    <TH>Members</TH>
                    <TH>
                      <span className="sr-only">Actions</span>
                    </TH>
                  </TR>
                </THead>
                <TBody>
                  {custom.map((r) => (
                    <TR key={r.id} data-testid="custom-role-row" data-key={r.key}>
                      <TD>
                        <div className="font-medium">{r.name}</div>
                        <div className="text-muted-foreground text-xs">
                          <code className="font-mono">{r.key}</code>
                          {r.description ? ` · ${r.description}` : ""}
                        </div>
                      </TD>
                      <TD>
                        <Grants role={r} />
                      </TD>
                      <TD>{r.holders}</TD>
                      <TD>
                        <div className="flex justify-end gap-2">
                          {perms["role.update"] ? (
                            <Button asChild variant="outline" size="sm">
                              <Link href={`/console/roles/${r.id}`}>Edit</Link>
                            </Button>
                          ) : null}
                          {perms["role.delete"] ? (
                            <ActionButton
                              action={deleteRoleAction}
                              fields={{ roleId: r.id }}
                              label="Delete"
                              pendingLabel="Deleting…"
                              variant="danger-outline"
                              confirm={{
                                title: `Delete the role "${r.name}"?`,
                                description: "This cannot be undone.",
                                confirmLabel: "Delete role",
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

        <Card>
          <CardHeader>
            <CardTitle>Built-in roles</CardTitle>
          </CardHeader>
          <CardContent>
            <Table label="Built-in roles">
              <THead>
                <TR>
                  <TH>Role</TH>
                  <TH>Permissions</TH>
                  <TH>Members</TH>
                </TR>
              </THead>
              <TBody>
                {system.map((r) => (
                  <TR key={r.id}>
                    <TD>
                      <div className="font-medium">{r.name}</div>
                      <div className="text-muted-foreground text-xs">{r.description}</div>
                    </TD>
                    <TD>
                      <Grants role={r} />
                    </TD>
                    <TD>{r.holders}</TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          </CardContent>
        </Card>
      </div>
    </>
  );
}

/** "All permissions" reads better than 36 codes; otherwise the list, folded away. */
function Grants({ role }: { role: RoleSummary }) {
  const full = PERMISSIONS.every((p) => role.grants.includes(p.key));
  if (full) return <Badge tone="primary">All permissions</Badge>;
  if (role.grants.length === 0) return <span className="text-muted-foreground">None</span>;
  return (
    <details className="group">
      <summary className="cursor-pointer text-primary text-sm hover:underline">
        {role.grants.length} permission{role.grants.length === 1 ? "" : "s"}
      </summary>
      <ul className="mt-2 flex max-w-md flex-wrap gap-1">
        {role.grants.map((g) => (
          <li key={g}>
            <code className="rounded-sm bg-muted px-1.5 py-0.5 font-mono text-xs">{g}</code>
          </li>
        ))}
      </ul>
    </details>
  );
}
