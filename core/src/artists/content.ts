import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { assertCan } from "../authz/ability";
import type { OwnablePermission } from "../authz/permissions";
import type { TenantCtx } from "../context";
import type { TenantTx } from "../db/client";
import { memberships } from "../db/schema/index";
import { ValidationError } from "../errors";
import { isId } from "../ids";

/** Helpers shared by the content verbs (artists, events): ownership, paging, search, patches. */

export const UserIdSchema = z.string().refine((v) => isId("user", v), "not a user id");

/**
 * Who owns a new row. `ownerId` drives the `:own` grants, so a member owns what they create unless
 * they name someone else — allowed only if they could edit that person's rows anyway (`reassign`
 * on a row owned by them). API keys, staff and the system act for no person and must name one.
 */
export function resolveOwnerId(ctx: TenantCtx, requested: string | undefined, reassign: OwnablePermission): string {
  if (ctx.actor.type === "user") {
    if (requested === undefined || requested === ctx.actor.userId) return ctx.actor.userId;
    assertCan(ctx.ability, reassign, { ownerId: requested });
    return requested;
  }
  if (requested === undefined) throw fieldError("ownerId", "required when not acting as a signed-in member");
  return requested;
}

/** A field error found after parsing (it needed the database), shaped like `parseInput`'s. */
export function fieldError(path: string, message: string): ValidationError {
  return new ValidationError(`Invalid input — ${path}: ${message}`, { [path]: [message] });
}

/** A named owner must be an active member of this tenant (the foreign key alone admits ex-members). */
export async function assertOwnerIsMember(tx: TenantTx, tenantId: string, userId: string): Promise<void> {
  const [member] = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId), eq(memberships.status, "active")));
  if (!member) throw fieldError("ownerId", "not a member of this organization");
}

/** Query-string friendly paging: `?page=2&pageSize=50` arrives as strings. */
export const PageSchema = {
  page: z.coerce.number().int("page must be a whole number").min(1, "page starts at 1").default(1),
  pageSize: z.coerce
    .number()
    .int("pageSize must be a whole number")
    .min(1, "pageSize must be at least 1")
    .max(100, "pageSize must be at most 100")
    .default(20),
};

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** `q` as a literal substring for ILIKE: the user's `%`, `_` and `\` match themselves. */
export function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, "\\$&")}%`;
}

/**
 * The fields of `patch` that differ from `before`, so an update that changes nothing writes nothing
 * and leaves no audit event. `undefined` means "not given"; `null` is a value (clears the field).
 */
export function pickChanges<T extends object>(before: T, patch: Partial<T>): Partial<T> {
  const changes: Partial<T> = {};
  for (const key of Object.keys(patch) as (keyof T)[]) {
    const next = patch[key];
    if (next === undefined) continue;
    const prev = before[key];
    const same =
      prev instanceof Date && next instanceof Date ? prev.getTime() === next.getTime() : Object.is(prev, next);
    if (!same) changes[key] = next;
  }
  return changes;
}
