import { and, desc, eq, gt, inArray, type SQL } from "drizzle-orm";
import { z } from "zod";
import { emitAudit } from "../audit/emit";
import { assertStaffCan } from "../authz/ability";
import type { PlatformCtx } from "../context";
import { type Database, withTenant } from "../db/client";
import { type SecurityEventRow, securityEvents } from "../db/schema/index";
import { NotFoundError, PreconditionFailedError } from "../errors";
import { isId, newId } from "../ids";
import { log } from "../observability/log";
import { parseInput } from "../validation";
import type { LockEvent, LockSink } from "./throttle";

const THROTTLE_ACTOR = { type: "system", process: "sign-in-throttle" } as const;

/**
 * Records a lock where people will look for it: the platform's security events (staff see every
 * lock there and can lift it) and, for a tenant's sign-in, that tenant's audit chain. Never
 * throws: the refusal that caused the lock stands even if the record cannot be written.
 */
export function lockRecorder(database: Database): LockSink {
  return async (e: LockEvent) => {
    try {
      await database.db.insert(securityEvents).values({
        id: newId("securityEvent"),
        kind: "auth.lock",
        forTenantId: e.tenantId,
        path: e.path,
        scope: e.scope,
        subject: e.subject,
        limiterKey: e.limiterKey,
        failures: e.count,
        lockedUntil: e.until,
        ip: e.ip,
        userAgent: e.userAgent ? e.userAgent.slice(0, 512) : null,
      });
      if (e.tenantId) {
        await withTenant(database, e.tenantId, (tx) =>
          emitAudit(
            tx,
            { actor: THROTTLE_ACTOR, requestId: e.requestId ?? newId("request"), ip: e.ip, userAgent: e.userAgent },
            {
              action: "auth.lock",
              target: { type: e.scope, id: e.subject },
              after: { path: e.path, attempts: e.count, lockedForSeconds: e.seconds, lockedUntil: e.until },
            },
          ),
        );
      }
    } catch (err) {
      log.error({ err: err instanceof Error ? err.message : String(err) }, "rate-limit: could not record a lock");
    }
  };
}

export interface SecurityEventView {
  id: string;
  kind: string;
  tenantId: string | null;
  path: string;
  scope: string;
  subject: string;
  limiterKey: string;
  attempts: number | null;
  lockedUntil: Date | null;
  ip: string | null;
  actorId: string | null;
  occurredAt: Date;
  /** A lock still in force that no later unlock lifted. */
  active: boolean;
}

export const ListSecurityEventsInput = z
  .object({
    tenantId: z
      .string()
      .refine((v) => isId("tenant", v), "not a tenant id")
      .optional(),
    activeOnly: z.boolean().optional(),
    limit: z.number().int().min(1).max(500).optional(),
  })
  .strict();

/** Staff: the newest security events (locks and unlocks), optionally for one tenant. */
export async function listSecurityEvents({
  ctx,
  input = {},
}: {
  ctx: PlatformCtx;
  input?: z.input<typeof ListSecurityEventsInput>;
}): Promise<SecurityEventView[]> {
  assertStaffCan(ctx.ability, "platform.audit.read");
  const data = parseInput(ListSecurityEventsInput, input);
  const where: SQL[] = [];
  if (data.tenantId) where.push(eq(securityEvents.forTenantId, data.tenantId));
  if (data.activeOnly) where.push(eq(securityEvents.kind, "auth.lock"), gt(securityEvents.lockedUntil, new Date()));
  const rows = await ctx.database.db
    .select()
    .from(securityEvents)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(securityEvents.occurredAt), desc(securityEvents.id))
    .limit(data.limit ?? 100);
  const lifted = await latestUnlocks(ctx.database, rows);
  return rows.map((r) => view(r, lifted.get(r.limiterKey)));
}

async function latestUnlocks(database: Database, rows: SecurityEventRow[]): Promise<Map<string, Date>> {
  const keys = [...new Set(rows.filter((r) => r.kind === "auth.lock").map((r) => r.limiterKey))];
  const out = new Map<string, Date>();
  if (keys.length === 0) return out;
  const unlocks = await database.db
    .select({ key: securityEvents.limiterKey, at: securityEvents.occurredAt })
    .from(securityEvents)
    .where(and(eq(securityEvents.kind, "auth.unlock"), inArray(securityEvents.limiterKey, keys)));
  for (const u of unlocks) {
    const prev = out.get(u.key);
    if (!prev || prev < u.at) out.set(u.key, u.at);
  }
  return out;
}

function view(r: SecurityEventRow, liftedAt: Date | undefined): SecurityEventView {
  const inForce = r.kind === "auth.lock" && !!r.lockedUntil && r.lockedUntil.getTime() > Date.now();
  return {
    id: r.id,
    kind: r.kind,
    tenantId: r.forTenantId,
    path: r.path,
    scope: r.scope,
    subject: r.subject,
    limiterKey: r.limiterKey,
    attempts: r.failures,
    lockedUntil: r.lockedUntil,
    ip: r.ip,
    actorId: r.actorId,
    occurredAt: r.occurredAt,
    active: inForce && !(liftedAt && liftedAt >= r.occurredAt),
  };
}

export const UnlockInput = z
  .object({ eventId: z.string().refine((v) => isId("securityEvent", v), "not a security event id") })
  .strict();

/**
 * Staff lift a lock (a member who locked themselves out, an office behind one address). The
 * counts are forgotten too, so the next mistake does not lock again at once. Recorded as a
 * security event and, for a tenant's lock, in that tenant's audit chain.
 */
export async function unlockSignIn({
  ctx,
  input,
  unlock,
}: {
  ctx: PlatformCtx;
  input: z.input<typeof UnlockInput>;
  /** The throttle's `unlock` (the store is the process's, see `authThrottle`). */
  unlock: (limiterKey: string) => Promise<void>;
}): Promise<{ limiterKey: string }> {
  assertStaffCan(ctx.ability, "platform.security.unlock");
  const { eventId } = parseInput(UnlockInput, input);
  const [lock] = await ctx.database.db.select().from(securityEvents).where(eq(securityEvents.id, eventId));
  if (!lock) throw new NotFoundError("No such security event.");
  if (lock.kind !== "auth.lock") throw new PreconditionFailedError("Only a lock can be lifted.");
  await unlock(lock.limiterKey);
  const staffId = ctx.actor.type === "staff" ? ctx.actor.staffId : ctx.actor.process;
  await ctx.database.db.insert(securityEvents).values({
    id: newId("securityEvent"),
    kind: "auth.unlock",
    forTenantId: lock.forTenantId,
    path: lock.path,
    scope: lock.scope,
    subject: lock.subject,
    limiterKey: lock.limiterKey,
    ip: ctx.ip ?? null,
    userAgent: ctx.userAgent ? ctx.userAgent.slice(0, 512) : null,
    actorId: staffId,
  });
  if (lock.forTenantId) {
    await withTenant(ctx.database, lock.forTenantId, (tx) =>
      emitAudit(
        tx,
        { actor: ctx.actor, requestId: ctx.requestId, ip: ctx.ip ?? null, userAgent: ctx.userAgent ?? null },
        { action: "auth.unlock", target: { type: lock.scope, id: lock.subject }, after: { path: lock.path } },
      ),
    );
  }
  return { limiterKey: lock.limiterKey };
}
