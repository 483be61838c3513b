export interface PickableRole {
  key: string;
  name: string;
  description: string;
  isSystem: boolean;
  /** Grants the signed-in admin does not hold; offering the role would be an escalation. */
  ungrantable: string[];
}

/**
 * Role checkboxes for invitations and role changes. Roles the admin could not grant are disabled
 * with the reason, rather than letting the server refuse after submit. A role the member already
 * holds stays enabled: it can be kept, and removing it is checked by the server like any change.
 */
export function RolePicker({
  roles,
  selected,
  name = "roleKeys",
  idPrefix,
}: {
  roles: PickableRole[];
  selected: readonly string[];
  name?: string;
  idPrefix: string;
}) {
  return (
    <fieldset className="ac-role-picker">
      <legend>Roles</legend>
      {roles.map((r) => {
        const blocked = r.ungrantable.length > 0 && !selected.includes(r.key);
        const id = `${idPrefix}-${r.key}`;
        return (
          <div key={r.key} className="ac-check">
            <input
              type="checkbox"
              id={id}
              name={name}
              value={r.key}
              defaultChecked={selected.includes(r.key)}
              disabled={blocked}
            />
            <label htmlFor={id}>
              <span className="ac-check-title">
                {r.name}
                {r.isSystem ? null : <span className="ac-tag">custom</span>}
              </span>
              <span className="ac-muted ac-small">
                {blocked ? `You cannot grant this role (needs ${r.ungrantable.join(", ")}).` : r.description}
              </span>
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}
