import { and, eq, gt, isNull } from "drizzle-orm";
import { z } from "zod";
import { buildStaffAbility, type StaffAbility } from "../authz/ability";
import type { RequestMeta } from "../context";
import { randomToken, sha256Hex } from "../crypto/tokens";
import type { Database } from "../db/client";
import { staffSessions, staffUsers } from "../db/schema/index";
import { UnauthenticatedError } from "../errors";
import { newId } from "../ids";
import { AUTH_POLICIES, authThrottle, limiterKeys, tooManyAttempts } from "../rate-limit/index";
import { hashPassword, verifyPassword } from "../sessions/password";
import { parseInput } from "../validation";

export const STAFF_SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export const StaffSignInInput = z
  .object({
    email: z.string().trim().toLowerCase().min(1, "enter your e-mail").max(254),
    password: z.string().min(1, "enter your password").max(200),
  })
  .strict();

export interface StaffSession {
  sessionId: string;
  staff: { id: string; email: string; name: string; roles: string[] };
  ability: StaffAbility;
}

/**
 * Staff sign in to the control plane (local provider); same answer for every failure. Throttled
 * per staff e-mail and client address like tenant sign-in, but failing closed: if the throttle's
 * store is down nobody signs in as staff (a 503), since these accounts reach every tenant.
 */
export async function signInStaff({
  database,
  input,
  meta,
}: {
  database: Database;
  input: z.input<typeof StaffSignInInput>;
  /** The request's client address and user agent (the throttle keys by the address). */
  meta?: Partial<RequestMeta>;
}) {
  const data = parseInput(StaffSignInInput, input);
  const attempt = await authThrottle(database).begin(AUTH_POLICIES.staffPassword, {
    accountKey: limiterKeys.staffAccount(data.email),
    accountLabel: data.email,
    ip: meta?.ip ?? null,
    userAgent: meta?.userAgent ?? null,
    requestId: meta?.requestId ?? newId("request"),
  });
  const [staff] = await database.db.select().from(staffUsers).where(eq(staffUsers.email, data.email));
  const ok = await verifyPassword(staff?.passwordHash ?? null, data.password);
  if (!staff || !ok || staff.roles.length === 0) {
    const lockedFor = await attempt.fail();
    throw lockedFor > 0 ? tooManyAttempts(lockedFor) : new UnauthenticatedError("Incorrect e-mail or password.");
  }
  await attempt.succeed();
  const token = randomToken();
  const expiresAt = new Date(Date.now() + STAFF_SESSION_TTL_MS);
  await database.db
    .insert(staffSessions)
    .values({ id: newId("session"), staffId: staff.id, tokenHash: sha256Hex(token), expiresAt });
  return { token, expiresAt, staffId: staff.id };
}

export async function getStaffSession(
  database: Database,
  token: string | null | undefined,
): Promise<StaffSession | null> {
  if (!token || token.length < 20 || token.length > 200) return null;
  const [row] = await database.db
    .select({ sessionId: staffSessions.id, staff: staffUsers })
    .from(staffSessions)
    .innerJoin(staffUsers, eq(staffUsers.id, staffSessions.staffId))
    .where(
      and(
        eq(staffSessions.tokenHash, sha256Hex(token)),
        isNull(staffSessions.revokedAt),
        gt(staffSessions.expiresAt, new Date()),
      ),
    );
  if (!row) return null;
  const { staff } = row;
  return {
    sessionId: row.sessionId,
    staff: { id: staff.id, email: staff.email, name: staff.name, roles: staff.roles },
    ability: buildStaffAbility({ staffId: staff.id, roles: staff.roles }),
  };
}

export async function signOutStaff(database: Database, token: string): Promise<void> {
  await database.db
    .update(staffSessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(staffSessions.tokenHash, sha256Hex(token)), isNull(staffSessions.revokedAt)));
}

/** Create or update a staff account (seed and operations tooling; there is no self sign-up). */
export async function upsertStaffUser(
  database: Database,
  input: { email: string; name: string; password: string; roles: string[] },
): Promise<string> {
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  const [row] = await database.db
    .insert(staffUsers)
    .values({ id: newId("staff"), email, name: input.name, passwordHash, roles: input.roles })
    .onConflictDoUpdate({
      target: staffUsers.email,
      set: { name: input.name, roles: input.roles, updatedAt: new Date() },
    })
    .returning({ id: staffUsers.id });
  if (!row) throw new Error("staff upsert returned no row");
  return row.id;
}
