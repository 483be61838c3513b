import "server-only";
import type { PlatformCtx } from "@mw/core/context";
import { newId } from "@mw/core/ids";
import { annotateRequest, currentRequestId } from "@mw/core/observability";
import { getStaffSession, type StaffSession } from "@mw/core/staff";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { controlDb } from "./db";
import { isHttps, requestMeta } from "./request-meta";

export const STAFF_COOKIE = "mw_staff";

export async function setStaffCookie(token: string, expiresAt: Date): Promise<void> {
  const secure = await isHttps();
  (await cookies()).set(secure ? `__Host-${STAFF_COOKIE}` : STAFF_COOKIE, token, {
    httpOnly: true,
    secure,
    sameSite: "strict",
    path: "/",
    expires: expiresAt,
  });
}

export async function staffToken(): Promise<string | null> {
  const jar = await cookies();
  return jar.get(`__Host-${STAFF_COOKIE}`)?.value ?? jar.get(STAFF_COOKIE)?.value ?? null;
}

// Cookies first: reading them marks the page dynamic before anything touches the database.
export const currentStaff = cache(async (): Promise<StaffSession | null> => {
  const token = await staffToken();
  const session = await getStaffSession(controlDb(), token);
  if (session) annotateRequest({ actor: `staff:${session.staff.id}` });
  return session;
});

export async function requireStaff(next = "/staff"): Promise<StaffSession> {
  const s = await currentStaff();
  if (!s) redirect(`/staff/sign-in?next=${encodeURIComponent(next)}`);
  return s;
}

/** Verb context for a staff member: actor and ability from the staff session. */
export async function staffCtx(): Promise<PlatformCtx & { session: StaffSession }> {
  const session = await requireStaff();
  return {
    actor: { type: "staff", staffId: session.staff.id },
    ability: session.ability,
    database: controlDb(),
    requestId: currentRequestId(() => newId("request")),
    ...(await requestMeta()),
    session,
  };
}
