import { can, PERMISSIONS } from "@mw/core/authz";
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
      <header className="ac-page-header">
        <div>
          <h1>Roles</h1>
          <p className="ac-muted">
            A member can do what any of their roles allows. Built-in roles are fixed; define your own for anything else.
          </p>
        </div>
        {perms["role.create"] ? (
          <Link className="ac-button" href="/console/roles/new">
            New custom role
          </Link>
        ) : null}
      </header>

      <section className="ac-card">
        <h2>Custom roles</h2>
        {custom.length === 0 ? (
          <p className="ac-empty">
            No custom roles yet.
            {perms["role.create"] ? " Create one to give people exactly the permissions they need." : ""}
          </p>
        ) : (
          <table className="ac-table" aria-label="Custom roles">
            <thead>
              <tr>
                <th>Role</th>
                <th>Permissions</th>
                <th>Members</th>
                <th aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {custom.map((r) => (
                <tr key={r.id} data-testid="custom-role-row" data-key={r.key}>
                  <td>
                    <div className="ac-strong">{r.name}</div>
                    <div className="ac-muted ac-small">
                      <code>{r.key}</code>
                      {r.description ? ` · ${r.description}` : ""}
                    </div>
                  </td>
                  <td>
                    <Grants role={r} />
                  </td>
                  <td>{r.holders}</td>
                  <td className="ac-actions-cell">
                    {perms["role.update"] ? (
                      <Link className="ac-button small secondary" href={`/console/roles/${r.id}`}>
                        Edit
                      </Link>
                    ) : null}
                    {perms["role.delete"] ? (
                      <ActionButton
                        action={deleteRoleAction}
                        fields={{ roleId: r.id }}
                        label="Delete"
                        pendingLabel="Deleting…"
                        variant="danger"
                        confirm={`Delete the role "${r.name}"? This cannot be undone.`}
                      />
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="ac-card">
        <h2>Built-in roles</h2>
        <table className="ac-table" aria-label="Built-in roles">
          <thead>
            <tr>
              <th>Role</th>
              <th>Permissions</th>
              <th>Members</th>
            </tr>
          </thead>
          <tbody>
            {system.map((r) => (
              <tr key={r.id}>
                <td>
                  <div className="ac-strong">{r.name}</div>
                  <div className="ac-muted ac-small">{r.description}</div>
                </td>
                <td>
                  <Grants role={r} />
                </td>
                <td>{r.holders}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

/** "All permissions" reads better than 36 codes; otherwise the list, folded away. */
function Grants({ role }: { role: RoleSummary }) {
  const full = PERMISSIONS.every((p) => role.grants.includes(p.key));
  if (full) return <span>All permissions</span>;
  if (role.grants.length === 0) return <span className="ac-muted">None</span>;
  return (
    <details className="ac-disclosure">
      <summary>
        {role.grants.length} permission{role.grants.length === 1 ? "" : "s"}
      </summary>
      <ul className="ac-grant-list">
        {role.grants.map((g) => (
          <li key={g}>
            <code>{g}</code>
          </li>
        ))}
      </ul>
    </details>
  );
}
