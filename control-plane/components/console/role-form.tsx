"use client";

import type { ActionResult } from "@mw/core/transport";
import { Alert } from "@mw/ui/alert";
import { Button } from "@mw/ui/button";
import { Field } from "@mw/ui/field";
import { Checkbox, Input } from "@mw/ui/input";
import { SubmitButton } from "@mw/ui/submit-button";
import { useActionToast } from "@mw/ui/toast";
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
  const [state, action] = useActionState(role ? updateRoleAction : createRoleAction, {
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

  useActionToast(state);
  return (
    <form action={action} className="grid gap-5" aria-label={role ? "Edit role" : "Create role"}>
      {role ? <input type="hidden" name="roleId" value={role.id} /> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Name" errors={state.fields?.name}>
          <Input
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
        <Field
          label={role ? "Key (cannot be changed)" : "Key"}
          hint="Lowercase letters, digits and underscores."
          errors={state.fields?.key}
        >
          <Input
            name="key"
            required
            maxLength={40}
            value={key}
            readOnly={Boolean(role)}
            spellCheck={false}
            className="font-mono"
            onChange={(e) => {
              setKey(e.target.value);
              setKeyTouched(true);
            }}
          />
        </Field>
      </div>
      <Field label="Description" optional errors={state.fields?.description}>
        <Input name="description" maxLength={300} defaultValue={state.values?.description ?? role?.description} />
      </Field>
      {state.fields?.grants ? (
        <Alert tone="danger" data-field-error="grants">
          {[...new Set(state.fields.grants)].join(" ")}
        </Alert>
      ) : null}
      <div className="grid gap-4 md:grid-cols-2">
        {groups.map((g) => (
          <fieldset key={g.group} className="grid min-w-0 content-start gap-2 rounded-lg border border-border/35 p-4">
            <legend className="px-1 font-medium text-sm">{g.group}</legend>
            {g.permissions.map((p) => (
              <div
                key={p.key}
                className="grid gap-1 border-border/35 border-t pt-2 first-of-type:border-t-0 first-of-type:pt-0"
              >
                <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
                  <label
                    htmlFor={`grant-${p.key}`}
                    className="inline-flex items-center gap-2 text-sm"
                    title={p.blocked ? "You do not hold this permission" : undefined}
                  >
                    <Checkbox
                      id={`grant-${p.key}`}
                      name="grants"
                      value={p.key}
                      checked={grants.has(p.key)}
                      disabled={p.blocked && !grants.has(p.key)}
                      onChange={(e) => toggle(p.key, e.target.checked, `${p.key}${OWN}`)}
                    />
                    <code className="font-mono text-xs">{p.key}</code>
                    {p.ownable ? <span className="text-muted-foreground text-xs">all records</span> : null}
                  </label>
                  {p.ownable ? (
                    <label
                      htmlFor={`grant-${p.key}${OWN}`}
                      className="inline-flex items-center gap-2 text-sm"
                      title={p.ownBlocked ? "You do not hold this permission" : undefined}
                    >
                      <Checkbox
                        id={`grant-${p.key}${OWN}`}
                        name="grants"
                        value={`${p.key}${OWN}`}
                        checked={grants.has(`${p.key}${OWN}`)}
                        disabled={(p.ownBlocked && !grants.has(`${p.key}${OWN}`)) || grants.has(p.key)}
                        onChange={(e) => toggle(`${p.key}${OWN}`, e.target.checked, p.key)}
                      />
                      <span className="text-xs">own records only</span>
                    </label>
                  ) : null}
                </div>
                <span className="text-muted-foreground text-xs">{p.description}</span>
              </div>
            ))}
          </fieldset>
        ))}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pendingLabel="Saving…">{role ? "Save role" : "Create role"}</SubmitButton>
        <Button asChild variant="ghost">
          <Link href="/console/roles">Cancel</Link>
        </Button>
        <span className="text-muted-foreground text-sm">{grants.size} permissions selected</span>
      </div>
    </form>
  );
}
