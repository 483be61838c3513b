"use server";

import { readEntitlements } from "@mw/core/plans";
import { consoleLanding, getSession, signInWithPassword, signOut } from "@mw/core/sessions";
import { type ActionResult, formValues, toActionResult } from "@mw/core/transport";
import { redirect, unstable_rethrow } from "next/navigation";
import { isConsoleAdmin } from "../../../lib/console/access";
import { clearConsoleCookie, consoleAuthCtx, consoleNext, findOrganizationBySlug } from "../../../lib/console/auth";
import { consoleCookie, currentConsole, setConsoleCookie } from "../../../lib/console-session";
import { controlDb } from "../../../lib/db";
import { withDone } from "../../../lib/notices";

const NOT_ADMIN =
  "This console is for administrators. Your account has no admin permissions in this organization — ask an owner or admin to change your roles.";

/**
 * Tenant admins sign in with their tenant account. The organization is named by its slug (public
 * anyway: it is the site's subdomain); the password check, timing and lockout rules are core's.
 */
export async function signInAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const values = formValues(form, ["slug", "email", "next"]);
  let next: string;
  try {
    const slug = (values.slug ?? "").trim().toLowerCase();
    if (!slug) return invalid(values, { slug: ["enter your organization's slug"] });
    const t = await findOrganizationBySlug(slug);
    if (!t) return invalid(values, { slug: ["no organization uses this slug"] });
    const ctx = await consoleAuthCtx(
      { id: t.id, slug: t.slug, status: t.status, plan: t.plan },
      readEntitlements(t.entitlements),
    );
    const signedIn = await signInWithPassword({
      ctx,
      input: { email: values.email ?? "", password: String(form.get("password") ?? "") },
      kind: "console",
    });
    const session = await getSession(controlDb(), t.id, signedIn.token, "console");
    if (!session || !isConsoleAdmin(session.ability)) {
      // The session was created (and audited) before we could see the roles; revoke it at once.
      await signOut({ ctx, token: signedIn.token });
      return { ok: false, message: NOT_ADMIN, values };
    }
    await setConsoleCookie(t.id, signedIn.token, signedIn.expiresAt);
    // The page asked for, else the one the member's roles lead to (a billing manager: Billing).
    next = values.next ? consoleNext(values.next) : consoleLanding(session.ability);
  } catch (err) {
    unstable_rethrow(err);
    return toActionResult(err, values);
  }
  redirect(next);
}

export async function signOutAction(): Promise<void> {
  const c = await currentConsole();
  const cookie = await consoleCookie();
  if (c && cookie) {
    const { tenant, entitlements } = c;
    await signOut({
      ctx: await consoleAuthCtx(
        { id: tenant.id, slug: tenant.slug, status: tenant.status, plan: tenant.plan },
        entitlements,
      ),
      token: cookie.token,
    });
  }
  await clearConsoleCookie();
  // Signing back in to the same organization should not ask for its slug either.
  redirect(
    withDone(c ? `/console/sign-in?org=${encodeURIComponent(c.tenant.slug)}` : "/console/sign-in", "signed_out"),
  );
}

function invalid(values: Record<string, string>, fields: Record<string, string[]>): ActionResult {
  return { ok: false, message: "Please correct the highlighted fields.", fields, values };
}
