"use client";

import type { ActionResult } from "@mw/core/transport";
import { Field } from "@mw/ui/field";
import { Input, Select, Textarea } from "@mw/ui/input";
import { SubmitButton } from "@mw/ui/submit-button";
import { useActionToast } from "@mw/ui/toast";
import { useActionState, useState } from "react";
import { onboardAction } from "../app/staff/provisioning-actions";

export function OnboardForm({ plans, presets }: { plans: { id: string; label: string }[]; presets: string[] }) {
  const [state, action] = useActionState(onboardAction, { ok: true } as ActionResult);
  useActionToast(state);
  const v = state.values ?? {};
  const f = state.fields ?? {};
  const [plan, setPlan] = useState(v.plan ?? "pro");
  const [collection, setCollection] = useState(v.collectionMethod ?? "send_invoice");
  return (
    // Remount with the submitted values after an error: React resets a form after its action,
    // and selects would otherwise fall back to their first option.
    <form action={action} className="grid gap-4" aria-label="Onboard a customer" key={JSON.stringify(v)}>
      <Field label="Customer name" errors={f.name}>
        <Input name="name" required defaultValue={v.name} />
      </Field>
      <Field
        label="Slug"
        hint="Becomes <slug>.<platform domain>: 3–32 lowercase letters, digits or dashes."
        errors={f.slug}
      >
        <Input name="slug" required pattern="[a-z0-9-]{3,32}" defaultValue={v.slug} className="font-mono" />
      </Field>
      <Field label="Plan" errors={f.plan}>
        <Select name="plan" defaultValue={v.plan ?? "pro"} onChange={(e) => setPlan(e.target.value)}>
          {plans.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </Select>
      </Field>
      {plan === "enterprise" ? (
        <fieldset className="grid gap-4 rounded-md border border-border p-4">
          <legend className="px-1 text-sm font-medium">Enterprise agreement</legend>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="Price (US dollars)" hint="As negotiated, e.g. 2500.00." errors={f["billing.price"]}>
              <Input name="billingPrice" inputMode="decimal" required defaultValue={v.billingPrice} />
            </Field>
            <Field label="Billed every" errors={f["billing.interval"]}>
              <Select name="billingInterval" defaultValue={v.billingInterval ?? "month"}>
                <option value="month">Month</option>
                <option value="year">Year</option>
              </Select>
            </Field>
          </div>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="Collection" errors={f["billing.collectionMethod"]}>
              <Select name="collectionMethod" defaultValue={collection} onChange={(e) => setCollection(e.target.value)}>
                <option value="send_invoice">Send invoices</option>
                <option value="charge_automatically">Charge a card automatically</option>
              </Select>
            </Field>
            {collection === "send_invoice" ? (
              <Field label="Payment due (days)" hint="1–90 days after each invoice." errors={f["billing.daysUntilDue"]}>
                <Input
                  name="daysUntilDue"
                  type="number"
                  min={1}
                  max={90}
                  required
                  defaultValue={v.daysUntilDue ?? "30"}
                />
              </Field>
            ) : null}
          </div>
        </fieldset>
      ) : null}
      <Field label="Owner e-mail" hint="Receives the invitation." errors={f.ownerEmail}>
        <Input name="ownerEmail" type="email" required defaultValue={v.ownerEmail} />
      </Field>
      <Field label="Custom domains" hint="One per line." optional errors={f.customDomains}>
        <Textarea name="customDomains" rows={3} placeholder="music.customer.com" defaultValue={v.customDomains} />
      </Field>
      <Field label="Theme preset" errors={f.themePreset}>
        <Select name="themePreset" defaultValue={v.themePreset ?? presets[0]}>
          {presets.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </Select>
      </Field>
      <div>
        <SubmitButton pendingLabel="Starting…">Start provisioning</SubmitButton>
      </div>
    </form>
  );
}
