"use server";

import { replayStripeEvent } from "@mw/core/billing";
import type { ActionResult } from "@mw/core/transport";
import { revalidatePath } from "next/cache";
import { refusalResult } from "../../lib/refusal";
import { staffCtx } from "../../lib/staff-session";

/** Staff: process a Stripe event again (it re-fetches from Stripe, so a replay is always safe). */
export async function replayStripeEventAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const tenantId = String(form.get("tenantId") ?? "");
  const eventId = String(form.get("eventId") ?? "");
  try {
    await replayStripeEvent({ ctx: await staffCtx(), input: { tenantId, eventId } });
  } catch (err) {
    return refusalResult(err);
  }
  revalidatePath(`/staff/tenants/${tenantId}/billing/events`);
  return { ok: true, message: "Queued: the event is processed again against Stripe's current state." };
}
