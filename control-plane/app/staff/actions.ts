"use server";

import { newId } from "@mw/core/ids";
import { authThrottle, unlockSignIn } from "@mw/core/rate-limit";
import { signInStaff, signOutStaff } from "@mw/core/staff";
import { type ActionResult, formValues, safeNext, toActionResult } from "@mw/core/transport";
import { resumeTenant, suspendTenant } from "@mw/core/verbs";
import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { redirect, unstable_rethrow } from "next/navigation";
import { controlDb } from "../../lib/db";
import { withDone } from "../../lib/notices";
import { requestMeta } from "../../lib/request-meta";
import { STAFF_COOKIE, setStaffCookie, staffCtx, staffToken } from "../../lib/staff-session";

export async function staffSignInAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const values = formValues(form, ["email", "next"]);
  try {
    const r = await signInStaff({
      database: controlDb(),
      input: { email: values.email ?? "", password: String(form.get("password") ?? "") },
      // The client address the same way the staff context reads it.
      meta: {
        requestId: newId("request"),
        ...(await requestMeta()),
      },
    });
    await setStaffCookie(r.token, r.expiresAt);
  } catch (err) {
    unstable_rethrow(err);
    return toActionResult(err, values);
  }
  redirect(safeNext(values.next, "/staff"));
}

export async function staffSignOutAction(): Promise<void> {
  const token = await staffToken();
  if (token) await signOutStaff(controlDb(), token);
  const jar = await cookies();
  jar.delete(STAFF_COOKIE);
  jar.delete({ name: `__Host-${STAFF_COOKIE}`, path: "/", secure: true });
  redirect(withDone("/staff/sign-in", "signed_out"));
}

export async function suspendTenantAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const values = formValues(form, ["tenantId", "reason"]);
  try {
    await suspendTenant({
      ctx: await staffCtx(),
      input: { tenantId: values.tenantId ?? "", reason: values.reason ?? "" },
    });
  } catch (err) {
    unstable_rethrow(err);
    return toActionResult(err, values);
  }
  revalidatePath(`/staff/tenants/${values.tenantId}`);
  return { ok: true, message: "Tenant suspended. Its sites now show the suspension page." };
}

export async function resumeTenantAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const tenantId = String(form.get("tenantId") ?? "");
  try {
    await resumeTenant({ ctx: await staffCtx(), input: { tenantId } });
  } catch (err) {
    unstable_rethrow(err);
    return toActionResult(err);
  }
  revalidatePath(`/staff/tenants/${tenantId}`);
  return { ok: true, message: "Tenant resumed." };
}

export async function unlockSignInAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  try {
    const ctx = await staffCtx();
    await unlockSignIn({
      ctx,
      input: { eventId: String(form.get("eventId") ?? "") },
      unlock: (key) => authThrottle(ctx.database).unlock(key),
    });
  } catch (err) {
    unstable_rethrow(err);
    return toActionResult(err);
  }
  revalidatePath("/staff/security");
  return { ok: true, message: "Lock lifted. The next attempt is checked as usual." };
}
