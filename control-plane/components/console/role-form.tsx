"use client";

import type { ActionResult } from "@mw/core/transport";
import { Field, FormMessage } from "@mw/core/ui";
import Link from "next/link";
import { useActionState, useState } from "react";
import { createRoleAction, updateRoleAction } from "../../app/console/(admin)/roles/actions";

interface PermissionOption {
  key: string;
  description: string;
  ownable: boolean;
  blocked: boolean;
  ownBlocked: boolean;
}

const OWN = ":own";

function keyFromName(name: string): string {
  const k = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^[^a-z]+|_+$/g, "");
  return k.slice(0, 40);
}

/**
 * Create or edit a custom role. Ownable permissions offer "all records" or "own records only"; the
 * two are exclusive because the full grant already covers the admin's own records. Grants the admin
 * does not hold are disabled — the server refuses them anyway (no escalation through roles).
 */
export function RoleForm({
  role,
  groups,
}: {
  role?: { id: string; key: string; name: string; description: string; grants: string[] };
  groups: { group: string; permissions: PermissionOption[] }[];
}) {
  const [state, action, pending] = useActionState(role ? updateRoleAction : createRoleAction, {
    ok: true,
  } as ActionResult);
  const [grants, setGrants] = useState(() => new Set(role?.grants ?? []));
  const [name, setName] = useState(role?.name ?? "");
  const [key, setKey] = useState(role?.key ?? "");
  const [keyTouched, setKeyTouched] = useState(Boolean(role));

  const toggle = (grant: string, on: boolean, exclusive?: string) =>
    setGrants((prev) => {
      const next = new Set(prev);
      if (on) next.add(grant);
      else next.delete(grant);
      if (on && exclusive) next.delete(exclusive);
      return next;
    });

  return (
    <form action={action} className="ac-form wide" aria-label={role ? "Edit role" : "Create role"}>
      <FormMessage state={state} />
      {role ? <input type="hidden" name="roleId" value={role.id} /> : null}
      <div className="ac-grid-2">
        <Field label="Name" name="name" state={state}>
          <input
            name="name"
            required
            maxLength={60}
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              if (!keyTouched) setKey(keyFromName(e.target.value));
            }}
          />
        </Field>
        <Field label={role ? "Key (cannot be changed)" : "Key"} name="key" state={state}>
          <input
            name="key"
            required
            maxLength={40}
            pattern="[a-z][a-z0-9_]*"
            value={key}
            readOnly={Boolean(role)}
            onChange={(e) => {
              setKey(e.target.value);
              setKeyTouched(true);
            }}
          />
        </Field>
      </div>
      <Field label="Description" name="description" state={state}>
        <input name="description" maxLength={300} defaultValue={state.values?.description ?? role?.description} />
      </Field>
      {state.fields?.grants?.map((e) => (
        <span key={e} className="mw-field-error" role="alert">
          {e}
        </span>
      ))}
      <div className="ac-permission-groups">
        {groups.map((g) => (
          <fieldset key={g.group} className="ac-permission-group">
            <legend>{g.group}</legend>
            {g.permissions.map((p) => (
              <div key={p.key} className="ac-permission">
                <label className="ac-check-inline" title={p.blocked ? "You do not hold this permission" : undefined}>
                  <input
                    type="checkbox"
                    name="grants"
                    value={p.key}
                    checked={grants.has(p.key)}
                    disabled={p.blocked && !grants.has(p.key)}
                    onChange={(e) => toggle(p.key, e.target.checked, `${p.key}${OWN}`)}
                  />
                  <code>{p.key}</code>
                  {p.ownable ? <span className="ac-muted ac-small">all records</span> : null}
                </label>
                {p.ownable ? (
                  <label
                    className="ac-check-inline"
                    title={p.ownBlocked ? "You do not hold this permission" : undefined}
                  >
                    <input
                      type="checkbox"
                      name="grants"
                      value={`${p.key}${OWN}`}
                      checked={grants.has(`${p.key}${OWN}`)}
                      disabled={(p.ownBlocked && !grants.has(`${p.key}${OWN}`)) || grants.has(p.key)}
                      onChange={(e) => toggle(`${p.key}${OWN}`, e.target.checked, p.key)}
                    />
                    <span className="ac-small">own records only</span>
                  </label>
                ) : null}
                <span className="ac-muted ac-small">{p.description}</span>
              </div>
            ))}
          </fieldset>
        ))}
      </div>
      <div className="ac-row">
        <button className="ac-button" type="submit" disabled={pending}>
          {pending ? "Saving…" : role ? "Save role" : "Create role"}
        </button>
        <Link className="ac-button ghost" href="/console/roles">
          Cancel
        </Link>
        <span className="ac-muted ac-small">{grants.size} permissions selected</span>
      </div>
    </form>
  );
}
