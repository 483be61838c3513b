"use client";

import type { ActionResult } from "@mw/core/transport";
import { Field, FormMessage } from "@mw/core/ui";
import { useActionState } from "react";
import { resumeTenantAction, staffSignInAction, suspendTenantAction, unlockSignInAction } from "../app/staff/actions";
import { cancelRunAction, retryRunAction } from "../app/staff/provisioning-actions";

const initial: ActionResult = { ok: true };

export function StaffSignInForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState(staffSignInAction, initial);
  return (
    <form action={action} className="mw-form" aria-label="Staff sign in">
      <FormMessage state={state} />
      <input type="hidden" name="next" value={next} />
      <Field label="E-mail" name="email" state={state}>
        <input name="email" type="email" autoComplete="username" required defaultValue={state.values?.email} />
      </Field>
      <Field label="Password" name="password" state={state}>
        <input name="password" type="password" autoComplete="current-password" required />
      </Field>
      <button className="cp-button" type="submit" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}

export function SuspendForm({ tenantId }: { tenantId: string }) {
  const [state, action, pending] = useActionState(suspendTenantAction, initial);
  return (
    <form action={action} className="mw-form" aria-label="Suspend tenant">
      <FormMessage state={state} />
      <input type="hidden" name="tenantId" value={tenantId} />
      <Field label="Reason (shown in the audit log)" name="reason" state={state}>
        <input name="reason" required defaultValue={state.values?.reason} />
      </Field>
      <button className="cp-button danger" type="submit" disabled={pending}>
        Suspend
      </button>
    </form>
  );
}

export function ResumeForm({ tenantId }: { tenantId: string }) {
  const [state, action, pending] = useActionState(resumeTenantAction, initial);
  return (
    <form action={action} aria-label="Resume tenant">
      <FormMessage state={state} />
      <input type="hidden" name="tenantId" value={tenantId} />
      <button className="cp-button" type="submit" disabled={pending}>
        Resume
      </button>
    </form>
  );
}

export function UnlockForm({ eventId, subject }: { eventId: string; subject: string }) {
  const [state, action, pending] = useActionState(unlockSignInAction, initial);
  return (
    <form action={action} aria-label={`Lift the lock on ${subject}`}>
      <FormMessage state={state} />
      <input type="hidden" name="eventId" value={eventId} />
      <button className="cp-button" type="submit" disabled={pending}>
        Unlock
      </button>
    </form>
  );
}

/** Retry and (for onboarding) cancel of a parked run; a refusal is shown, never a 500. */
export function ParkedRunActions({ runId, canCancel }: { runId: string; canCancel: boolean }) {
  const [retried, retry, retrying] = useActionState(retryRunAction, initial);
  const [cancelled, cancel, cancelling] = useActionState(cancelRunAction, initial);
  return (
    <div style={{ marginTop: 16 }}>
      <FormMessage state={retried.message ? retried : cancelled} />
      <div className="cp-row">
        <form action={retry} aria-label="Retry run">
          <input type="hidden" name="runId" value={runId} />
          <button className="cp-button" type="submit" disabled={retrying || cancelling}>
            Retry from the failed step
          </button>
        </form>
        {canCancel ? (
          <form action={cancel} aria-label="Cancel run">
            <input type="hidden" name="runId" value={runId} />
            <button className="cp-button danger" type="submit" disabled={retrying || cancelling}>
              Cancel and undo
            </button>
          </form>
        ) : null}
      </div>
    </div>
  );
}
