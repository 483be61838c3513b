import { Badge } from "@mw/ui/badge";
import { Checkbox } from "@mw/ui/input";

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
 * `errors`: the server's refusal for the role choice, announced with the group.
 */
export function RolePicker({
  roles,
  selected,
  name = "roleKeys",
  idPrefix,
  errors,
}: {
  roles: PickableRole[];
  selected: readonly string[];
  name?: string;
  idPrefix: string;
  errors?: readonly string[] | undefined;
}) {
  const distinct = [...new Set(errors ?? [])];
  const errorId = `${idPrefix}-roles-error`;
  return (
    <fieldset
      className="grid min-w-0 gap-2"
      aria-invalid={distinct.length > 0 || undefined}
      aria-describedby={distinct.length > 0 ? errorId : undefined}
    >
      <legend className="mb-1.5 font-medium text-sm">Roles</legend>
      <div className="grid gap-2 sm:grid-cols-2">
        {roles.map((r) => {
          const blocked = r.ungrantable.length > 0 && !selected.includes(r.key);
          const id = `${idPrefix}-${r.key}`;
          return (
            <div
              key={r.key}
              className="flex items-start gap-2.5 rounded-md border border-border/35 p-3 has-[:checked]:border-primary/60 has-[:disabled]:opacity-70"
            >
              <Checkbox
                id={id}
                name={name}
                value={r.key}
                defaultChecked={selected.includes(r.key)}
                disabled={blocked}
                className="mt-0.5"
              />
              <label htmlFor={id} className="grid min-w-0 gap-0.5">
                <span className="flex flex-wrap items-center gap-1.5 font-medium text-sm">
                  {r.name}
                  {r.isSystem ? null : <Badge tone="outline">custom</Badge>}
                </span>
                <span className="text-muted-foreground text-xs">
                  {blocked ? `You cannot grant this role (needs ${r.ungrantable.join(", ")}).` : r.description}
                </span>
              </label>
            </div>
          );
        })}
      </div>
      {distinct.length > 0 ? (
        <p id={errorId} className="text-danger text-xs" data-field-error={name}>
          {distinct.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}
