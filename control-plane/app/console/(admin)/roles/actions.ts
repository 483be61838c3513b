"use server";

import type { ActionResult } from "@mw/core/transport";
import { formValues } from "@mw/core/transport";
import { createRole, deleteRole, updateRole } from "@mw/core/verbs";
import { redirect } from "next/navigation";
import { field, fieldList, runAction } from "../../../../lib/console/action";
import { consoleCtx } from "../../../../lib/console-session";
import { withDone } from "../../../../lib/notices";

const KEYS = ["key", "name", "description"] as const;

export async function createRoleAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const grants = fieldList(form, "grants");
  const values: Record<string, string> = { ...formValues(form, KEYS), grants: grants.join(",") };
  return runAction(values, async () => {
    const ctx = await consoleCtx();
    await createRole({
      ctx,
      input: { key: values.key ?? "", name: values.name ?? "", description: values.description ?? "", grants },
    });
    redirect(withDone("/console/roles", "role_created"));
  });
}

export async function updateRoleAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const grants = fieldList(form, "grants");
  const values: Record<string, string> = { ...formValues(form, KEYS), grants: grants.join(",") };
  return runAction(values, async () => {
    const ctx = await consoleCtx();
    await updateRole({
      ctx,
      input: { roleId: field(form, "roleId"), name: values.name ?? "", description: values.description ?? "", grants },
    });
    redirect(withDone("/console/roles", "role_saved"));
  });
}

export async function deleteRoleAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  return runAction({}, async () => {
    const ctx = await consoleCtx();
    await deleteRole({ ctx, input: { roleId: field(form, "roleId") } });
    return "Role deleted.";
  });
}
