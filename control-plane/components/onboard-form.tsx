"use client";

import type { ActionResult } from "@mw/core/transport";
import { Field, FormMessage } from "@mw/core/ui";
import { useActionState } from "react";
import { offboardAction, onboardAction } from "../app/staff/provisioning-actions";

export function OnboardForm({ plans, presets }: { plans: { id: string; label: string }[]; presets: string[] }) {
  const [state, action, pending] = useActionState(onboardAction, { ok: true } as ActionResult);
  const v = state.values ?? {};
  return (
    // Remount with the submitted values after an error: React resets a form after its action,
    // and selects would otherwise fall back to their first option.
    <form action={action} className="mw-form" aria-label="Onboard a customer" key={JSON.stringify(v)}>
      <FormMessage state={state} />
      <Field label="Customer name" name="name" state={state}>
        <input name="name" required defaultValue={v.name} />
      </Field>
      <Field label="Slug (becomes <slug>.<platform domain>)" name="slug" state={state}>
        <input name="slug" required pattern="[a-z0-9-]{3,32}" defaultValue={v.slug} />
      </Field>
      <Field label="Plan" name="plan" state={state}>
        <select name="plan" defaultValue={v.plan ?? "pro"}>
          {plans.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Owner e-mail (receives the invitation)" name="ownerEmail" state={state}>
        <input name="ownerEmail" type="email" required defaultValue={v.ownerEmail} />
      </Field>
      <Field label="Custom domains (optional, one per line)" name="customDomains" state={state}>
        <textarea name="customDomains" rows={3} placeholder="music.customer.com" defaultValue={v.customDomains} />
      </Field>
      <Field label="Theme preset" name="themePreset" state={state}>
        <select name="themePreset" defaultValue={v.themePreset ?? presets[0]}>
          {presets.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </Field>
      <button className="cp-button" type="submit" disabled={pending}>
        {pending ? "Starting…" : "Start provisioning"}
      </button>
    </form>
  );
}

export function OffboardForm({ tenantId }: { tenantId: string }) {
  const [state, action, pending] = useActionState(offboardAction, { ok: true } as ActionResult);
  return (
    <form action={action} className="mw-form" aria-label="Offboard tenant">
      <FormMessage state={state} />
      <input type="hidden" name="tenantId" value={tenantId} />
      <Field label="Reason for offboarding" name="reason" state={state}>
        <input name="reason" required defaultValue={state.values?.reason} />
      </Field>
      <p className="cp-muted">
        Removes the custom domains, exports the tenant&apos;s data as an archive, then deletes the tenant.
      </p>
      <button className="cp-button danger" type="submit" disabled={pending}>
        Offboard
      </button>
    </form>
  );
}
