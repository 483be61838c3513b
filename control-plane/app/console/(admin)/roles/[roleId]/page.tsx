import { can } from "@mw/core/authz";
import { isId } from "@mw/core/ids";
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
  if (role.isSystem) {
    return (
      <section className="ac-card ac-empty-state">
        <h1>{role.name} is a built-in role</h1>
        <p className="ac-muted">Built-in roles cannot be changed. Create a custom role instead.</p>
      </section>
    );
  }
  return (
    <>
      <header className="ac-page-header">
        <div>
          <h1>Edit {role.name}</h1>
          <p className="ac-muted">
            Held by {role.holders} member{role.holders === 1 ? "" : "s"}; changes apply to them on their next request.
          </p>
        </div>
      </header>
      <section className="ac-card">
        <RoleForm
          role={{ id: role.id, key: role.key, name: role.name, description: role.description, grants: role.grants }}
          groups={permissionOptions(c.session.ability)}
        />
      </section>
    </>
  );
}
