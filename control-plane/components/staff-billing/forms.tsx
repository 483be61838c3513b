"use client";

import { ConfirmAction } from "@mw/ui/confirm-action";
import { Field } from "@mw/ui/field";
import { Select } from "@mw/ui/input";
import { extendGraceAction } from "../../app/staff/billing-actions";

/** More time to pay, confirmed: the tenant keeps (or gets back) its paid features until then. */
export function ExtendGraceForm({
  tenantId,
  name,
  options,
}: {
  tenantId: string;
  name: string;
  options: readonly number[];
}) {
  return (
    <ConfirmAction
      action={extendGraceAction}
      fields={{ tenantId }}
      label="Extend grace"
      title={`Extend ${name}'s grace period?`}
      description="The tenant stays past due with every paid feature on until the new date; reminders continue. A restricted or suspended tenant is reopened from now."
      confirmLabel="Extend grace"
      pendingLabel="Extending…"
      variant="outline"
    >
      <Field label="Add">
        <Select name="days" defaultValue="7">
          {options.map((d) => (
            <option key={d} value={d}>
              {d} days
            </option>
          ))}
        </Select>
      </Field>
    </ConfirmAction>
  );
}
