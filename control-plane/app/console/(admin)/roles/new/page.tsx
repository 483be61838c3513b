import { can } from "@mw/core/authz";
import { Breadcrumbs } from "@mw/ui/breadcrumbs";
import { Card, CardContent } from "@mw/ui/card";
import { PageHeader } from "@mw/ui/page-header";
import type { Metadata } from "next";
import { NoAccess } from "../../../../../components/console/no-access";
import { RoleForm } from "../../../../../components/console/role-form";
import { requireConsoleAdmin } from "../../../../../lib/console/access";
import { permissionOptions } from "../../../../../lib/console/permission-groups";

export const metadata: Metadata = { title: "New role" };

export default async function NewRolePage() {
  const c = await requireConsoleAdmin("/console/roles/new");
  if (!can(c.session.ability, "role.create")) return <NoAccess what="creating roles" permission="role.create" />;
  return (
    <>
      <Breadcrumbs items={[{ label: "Roles", href: "/console/roles" }, { label: "New custom role" }]} />
      <PageHeader
        title="New custom role"
        description="Pick the permissions this role grants. You can only grant permissions you hold."
      />
      <Card>
        <CardContent>
          <RoleForm groups={permissionOptions(c.session.ability)} />
        </CardContent>
      </Card>
    </>
  );
}
