"use client";

import type { ActionResult } from "@mw/core/transport";
import { Alert } from "@mw/ui/alert";
import { ConfirmAction } from "@mw/ui/confirm-action";
import { Field } from "@mw/ui/field";
import { Input } from "@mw/ui/input";
import { SubmitButton } from "@mw/ui/submit-button";
import { useActionToast } from "@mw/ui/toast";
import { useActionState } from "react";
import { resumeTenantAction, staffSignInAction, suspendTenantAction, unlockSignInAction } from "../app/staff/actions";
import { cancelRunAction, offboardAction, retryRunAction } from "../app/staff/provisioning-actions";

const initial: ActionResult = { ok: true };

export function StaffSignInForm({ next }: { next: string }) {
  const [state, action] = useActionState(staffSignInAction, initial);
  return (
    <form action={action} className="grid gap-4" aria-label="Staff sign in">
      {!state.ok && state.message ? <Alert tone="danger">{state.message}</Alert> : null}
      <input type="hidden" name="next" value={next} />
      <Field label="E-mail" errors={state.fields?.email}>
        <Input name="email" type="email" autoComplete="username" required defaultValue={state.values?.email} />
      </Field>
      <Field label="Password" errors={state.fields?.password}>
        <Input name="password" type="password" autoComplete="current-password" required />
      </Field>
      <SubmitButton pendingLabel="Signing in…">Sign in</SubmitButton>
    </form>
  );
}

/** Suspending takes the site offline at once: confirmed in a dialog that asks for the reason. */
export function SuspendForm({ tenantId, name }: { tenantId: string; name: string }) {
  return (
    <ConfirmAction
      action={suspendTenantAction}
      fields={{ tenantId }}
      label="Suspend"
      title={`Suspend ${name}?`}
      description="The tenant's site answers “temporarily unavailable” until it is resumed. Nothing is deleted."
      confirmLabel="Suspend"
      pendingLabel="Suspending…"
      success="Tenant suspended."
    >
      <Field label="Reason (shown in the audit log)">
        <Input name="reason" required />
      </Field>
    </ConfirmAction>
  );
}

/** Offboarding deletes the tenant after exporting its data: the slug must be typed to confirm. */
export function OffboardForm({ tenantId, name, slug }: { tenantId: string; name: string; slug: string }) {
  return (
    <ConfirmAction
      action={offboardAction}
      fields={{ tenantId }}
      label="Offboard"
      title={`Offboard ${name}?`}
      description="Its data is exported to an archive, then the site, domains and data are removed. This cannot be undone."
      confirmLabel="Offboard"
      pendingLabel="Starting…"
      typeToConfirm={slug}
    >
      <Field label="Reason (shown in the audit log)">
        <Input name="reason" required />
      </Field>
    </ConfirmAction>
  );
}

export function ResumeForm({ tenantId }: { tenantId: string }) {
  const [state, action] = useActionState(resumeTenantAction, initial);
  useActionToast(state, { success: "Tenant resumed." });
  return (
    <form action={action} aria-label="Resume tenant">
      <input type="hidden" name="tenantId" value={tenantId} />
      <SubmitButton size="sm" pendingLabel="Resuming…">
        Resume
      </SubmitButton>
    </form>
  );
}

export function UnlockForm({ eventId, subject }: { eventId: string; subject: string }) {
  const [state, action] = useActionState(unlockSignInAction, initial);
  useActionToast(state, { success: `Lock on ${subject} lifted.` });
  return (
    <form action={action} aria-label={`Lift the lock on ${subject}`}>
      <input type="hidden" name="eventId" value={eventId} />
      <SubmitButton size="sm" variant="outline" pendingLabel="Unlocking…">
        Unlock
      </SubmitButton>
    </form>
  );
}

/** Retry and (for onboarding) cancel of a parked run; a refusal is shown, never a 500. */
export function ParkedRunActions({ runId, canCancel }: { runId: string; canCancel: boolean }) {
  const [retried, retry] = useActionState(retryRunAction, initial);
  useActionToast(retried);
  return (
    <div className="mt-6 flex flex-wrap items-center gap-2">
      <form action={retry} aria-label="Retry run">
        <input type="hidden" name="runId" value={runId} />
        <SubmitButton pendingLabel="Retrying…">Retry from the failed step</SubmitButton>
      </form>
      {canCancel ? (
        <ConfirmAction
          action={cancelRunAction}
          fields={{ runId }}
          label="Cancel and undo"
          title="Cancel this run?"
          description="Every step that ran is undone: the tenant, its domains and its owner's invitation are removed."
          confirmLabel="Cancel and undo"
          pendingLabel="Cancelling…"
          size="md"
        />
      ) : null}
    </div>
  );
}
