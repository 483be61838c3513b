import { can } from "@mw/core/authz";
import { isId } from "@mw/core/ids";
import { Breadcrumbs } from "@mw/ui/breadcrumbs";
import { Card, CardContent } from "@mw/ui/card";
import { PageHeader } from "@mw/ui/page-header";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { NoAccess } from "../../../../../components/console/no-access";
import { RoleForm } from "../../../../../components/console/role-form";
import { requireConsoleAdmin } from "../../../../../lib/console/access";
import { permissionOptions } from "../../../../../lib/console/permission-groups";
import { getRole } from "../../../../../lib/console/queries";

export const metadata: Metadata = { title: "Edit role" };

export default async function EditRolePage({ params }: PageProps<"/console/roles/[roleId]">) {
  const { roleId } = await params;
  const c = await requireConsoleAdmin(`/console/roles/${encodeURIComponent(roleId)}`);
  if (!can(c.session.ability, "role.update")) return <NoAccess what="editing roles" permission="role.update" />;
  const role = isId("role", roleId) ? await getRole(c.tenant.id, roleId) : null;
  if (!role) notFound();
  const crumbs = <Breadcrumbs items={[{ label: "Roles", href: "/console/roles" }, { label: role.name }]} />;
  if (role.isSystem) {
    return (
      <>
        {crumbs}
        <PageHeader
          title={`${role.name} is a built-in role`}
          description="Built-in roles cannot be changed. Create a custom role instead."
        />
      </>
    );
  }
  return (
    <>
      {crumbs}
      <PageHeader
        title={`Edit ${role.name}`}
        description={`Held by ${role.holders} member${role.holders === 1 ? "" : "s"}; changes apply to them on their next request.`}
      />
      <Card>
        <CardContent>
          <RoleForm
            role={{ id: role.id, key: role.key, name: role.name, description: role.description, grants: role.grants }}
            groups={permissionOptions(c.session.ability)}
          />
        </CardContent>
      </Card>
    </>
  );
}
