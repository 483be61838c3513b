"use server";

import type { ActionResult } from "@mw/core/transport";
import { formValues } from "@mw/core/transport";
import { updateTenant } from "@mw/core/verbs";
import { runAction } from "../../../lib/console/action";
import { revalidateTenantRuntime } from "../../../lib/console/revalidate";
import { consoleCtx } from "../../../lib/console-session";

export async function renameOrganizationAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const values = formValues(form, ["name"]);
  return runAction(values, async () => {
    const ctx = await consoleCtx();
    const after = await updateTenant({ ctx, input: { name: values.name ?? "" } });
    // The name is on every page of the branded site (header, title, footer).
    await revalidateTenantRuntime(ctx.tenant.id);
    return { ok: true, message: `Renamed to ${after?.name ?? values.name}.`, values };
  });
}
