"use client";

import type { ActionResult } from "@mw/core/transport";
import { Field, FormMessage } from "@mw/core/ui";
import { useActionState } from "react";
import { inviteMemberAction, updateMemberRolesAction } from "../../app/console/(admin)/members/actions";
import { type PickableRole, RolePicker } from "./role-picker";

const initial: ActionResult = { ok: true };

function FieldErrors({ state, name }: { state: ActionResult; name: string }) {
  return state.fields?.[name]?.map((e) => (
    <span key={e} className="mw-field-error" role="alert" data-field-error={name}>
      {e}
    </span>
  ));
}

export function InviteForm({ roles }: { roles: PickableRole[] }) {
  const [state, action, pending] = useActionState(inviteMemberAction, initial);
  // Keyed by the last success so the form clears after each invitation and keeps input on errors.
  const selected = state.values?.roleKeys ? state.values.roleKeys.split(",") : ["member"];
  return (
    <form action={action} className="ac-form" aria-label="Invite a member" key={state.ok ? state.message : "retry"}>
      <FormMessage state={state} />
      <Field label="E-mail" name="email" state={state}>
        <input name="email" type="email" required autoComplete="off" defaultValue={state.values?.email} />
      </Field>
      <RolePicker roles={roles} selected={selected} idPrefix="invite" />
      <FieldErrors state={state} name="roleKeys" />
      <button className="ac-button" type="submit" disabled={pending}>
        {pending ? "Sending invitation…" : "Send invitation"}
      </button>
    </form>
  );
}

export function MemberRolesForm({
  membershipId,
  roles,
  current,
}: {
  membershipId: string;
  roles: PickableRole[];
  current: string[];
}) {
  const [state, action, pending] = useActionState(updateMemberRolesAction, initial);
  const selected = state.values?.roleKeys !== undefined ? state.values.roleKeys.split(",") : current;
  return (
    <form action={action} className="ac-form" aria-label="Change roles">
      <FormMessage state={state} />
      <input type="hidden" name="membershipId" value={membershipId} />
      <RolePicker roles={roles} selected={selected} idPrefix={membershipId} />
      <FieldErrors state={state} name="roleKeys" />
      <button className="ac-button small" type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save roles"}
      </button>
    </form>
  );
}
