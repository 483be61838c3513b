"use server";

import { type ActionResult, formValues, toActionResult } from "@mw/core/transport";
import { cancelProvisioningRun, retryProvisioningRun, startOffboarding, startOnboarding } from "@mw/provisioning";
import { revalidatePath } from "next/cache";
import { redirect, unstable_rethrow } from "next/navigation";
import { jobQueue } from "../../lib/queue";
import { staffCtx } from "../../lib/staff-session";

const ONBOARD_FIELDS = ["name", "slug", "plan", "ownerEmail", "customDomains", "themePreset"] as const;

export async function onboardAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const values = formValues(form, ONBOARD_FIELDS);
  let runId: string;
  try {
    const customDomains = (values.customDomains ?? "")
      .split(/[\s,]+/)
      .map((d) => d.trim())
      .filter(Boolean);
    const { run } = await startOnboarding({
      ctx: await staffCtx(),
      input: {
        name: values.name ?? "",
        slug: values.slug ?? "",
        plan: (values.plan ?? "free") as "free",
        ownerEmail: values.ownerEmail ?? "",
        customDomains,
        themePreset: (values.themePreset ?? "aurora") as "aurora",
      },
      worker: await jobQueue(),
    });
    runId = run.id;
  } catch (err) {
    unstable_rethrow(err);
    const result = toActionResult(err, values);
    // `customDomains.1` → one message on the textarea.
    if (result.fields) {
      const domainErrors = Object.entries(result.fields).filter(([k]) => k.startsWith("customDomains"));
      if (domainErrors.length) result.fields.customDomains = domainErrors.flatMap(([, v]) => v);
    }
    return result;
  }
  redirect(`/staff/runs/${runId}`);
}

export async function retryRunAction(form: FormData): Promise<void> {
  const runId = String(form.get("runId") ?? "");
  await retryProvisioningRun({ ctx: await staffCtx(), input: { runId }, worker: await jobQueue() });
  revalidatePath(`/staff/runs/${runId}`);
}

export async function cancelRunAction(form: FormData): Promise<void> {
  const runId = String(form.get("runId") ?? "");
  await cancelProvisioningRun({ ctx: await staffCtx(), input: { runId }, worker: await jobQueue() });
  revalidatePath(`/staff/runs/${runId}`);
}

export async function offboardAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const values = formValues(form, ["tenantId", "reason"]);
  let runId: string;
  try {
    const { run } = await startOffboarding({
      ctx: await staffCtx(),
      input: { tenantId: values.tenantId ?? "", reason: values.reason ?? "" },
      worker: await jobQueue(),
    });
    runId = run.id;
  } catch (err) {
    unstable_rethrow(err);
    return toActionResult(err, values);
  }
  redirect(`/staff/runs/${runId}`);
}
