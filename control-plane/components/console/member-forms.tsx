"use client";

import type { ActionResult } from "@mw/core/transport";
import { Button } from "@mw/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@mw/ui/dialog";
import { Field } from "@mw/ui/field";
import { Input } from "@mw/ui/input";
import { SubmitButton } from "@mw/ui/submit-button";
import { useActionToast } from "@mw/ui/toast";
import { useActionState, useEffect, useRef, useState } from "react";
import { inviteMemberAction, updateMemberRolesAction } from "../../app/console/(admin)/members/actions";
import { type PickableRole, RolePicker } from "./role-picker";

const initial: ActionResult = { ok: true };

export function InviteForm({ roles }: { roles: PickableRole[] }) {
  const [state, action] = useActionState(inviteMemberAction, initial);
  useActionToast(state, { success: "Invitation sent." });
  // Keyed by the last success so the form clears after each invitation and keeps input on errors.
  const selected = state.values?.roleKeys ? state.values.roleKeys.split(",") : ["member"];
  return (
    <form action={action} className="grid gap-4" aria-label="Invite a member" key={state.ok ? state.message : "retry"}>
      <Field label="E-mail" errors={state.fields?.email} className="sm:max-w-sm">
        <Input name="email" type="email" required autoComplete="off" defaultValue={state.values?.email} />
      </Field>
      <RolePicker roles={roles} selected={selected} idPrefix="invite" errors={state.fields?.roleKeys} />
      <div>
        <SubmitButton pendingLabel="Sending invitation…">Send invitation</SubmitButton>
      </div>
    </form>
  );
}

/** A member's roles, changed in a dialog opened from their row; it closes once saved. */
export function MemberRolesForm({
  membershipId,
  who,
  roles,
  current,
}: {
  membershipId: string;
  who: string;
  roles: PickableRole[];
  current: string[];
}) {
  const [open, setOpen] = useState(false);
  const [state, action] = useActionState(updateMemberRolesAction, initial);
  useActionToast(state, { success: "Roles saved." });
  const last = useRef(state);
  useEffect(() => {
    if (state !== last.current && state.ok) setOpen(false);
    last.current = state;
  }, [state]);
  const selected = state.values?.roleKeys !== undefined ? state.values.roleKeys.split(",") : current;
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm">
          Change roles
        </Button>
      </DialogTrigger>
      <DialogContent title={`Roles of ${who}`} description="What they can do in this organization.">
        <form action={action} className="grid gap-4" aria-label="Change roles">
          <input type="hidden" name="membershipId" value={membershipId} />
          <RolePicker roles={roles} selected={selected} idPrefix={membershipId} errors={state.fields?.roleKeys} />
          <div className="flex justify-end">
            <SubmitButton pendingLabel="Saving…">Save roles</SubmitButton>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
