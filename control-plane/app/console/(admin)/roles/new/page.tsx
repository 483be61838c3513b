import { can } from "@mw/core/authz";
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
      <header className="ac-page-header">
        <div>
          <h1>New custom role</h1>
          <p className="ac-muted">Pick the permissions this role grants. You can only grant permissions you hold.</p>
        </div>
      </header>
      <section className="ac-card">
        <RoleForm groups={permissionOptions(c.session.ability)} />
      </section>
    </>
  );
}
