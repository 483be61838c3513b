"use server";

import { type ActionResult, formValues, toActionResult } from "@mw/core/transport";
import { cancelProvisioningRun, retryProvisioningRun, startOffboarding, startOnboarding } from "@mw/provisioning";
import { revalidatePath } from "next/cache";
import { redirect, unstable_rethrow } from "next/navigation";
import { withDone } from "../../lib/notices";
import { jobQueue } from "../../lib/queue";
import { refusalResult } from "../../lib/refusal";
import { staffCtx } from "../../lib/staff-session";

const ONBOARD_FIELDS = [
  "name",
  "slug",
  "plan",
  "ownerEmail",
  "customDomains",
  "themePreset",
  "billingPrice",
  "billingInterval",
  "collectionMethod",
  "daysUntilDue",
] as const;

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
        // The agreement's fields are sent for Enterprise only (the input refuses them for other plans).
        ...(values.plan === "enterprise"
          ? {
              billing: {
                price: values.billingPrice ?? "",
                interval: (values.billingInterval ?? "month") as "month",
                collectionMethod: (values.collectionMethod ?? "send_invoice") as "send_invoice",
                ...(values.collectionMethod === "charge_automatically"
                  ? {}
                  : { daysUntilDue: values.daysUntilDue ?? "" }),
              },
            }
          : {}),
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
  redirect(withDone(`/staff/runs/${runId}`, "onboarding_started"));
}

export async function retryRunAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const runId = String(form.get("runId") ?? "");
  try {
    await retryProvisioningRun({ ctx: await staffCtx(), input: { runId }, worker: await jobQueue() });
  } catch (err) {
    return refusalResult(err);
  }
  revalidatePath(`/staff/runs/${runId}`);
  return { ok: true, message: "Retrying from the failed step." };
}

export async function cancelRunAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const runId = String(form.get("runId") ?? "");
  try {
    await cancelProvisioningRun({ ctx: await staffCtx(), input: { runId }, worker: await jobQueue() });
  } catch (err) {
    return refusalResult(err);
  }
  revalidatePath(`/staff/runs/${runId}`);
  return { ok: true, message: "Cancelling: every step that ran is being undone." };
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
  redirect(withDone(`/staff/runs/${runId}`, "offboarding_started"));
}
