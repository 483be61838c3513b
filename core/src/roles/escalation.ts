import { can } from "../authz/ability";
import { type Grant, parseGrant } from "../authz/permissions";
import type { TenantCtx } from "../context";
import { ForbiddenError } from "../errors";

// An owner id no real row has: a check against it passes only for unconditional grants.
const NOBODY = { ownerId: "usr_nobody_nobody_nobody" };

/**
 * Nobody hands out more than they hold: assigning or defining a role needs every one of its
 * grants in the actor's own ability (a full grant for `x.y`, at least `x.y:own` for `x.y:own`).
 * Without this, `role.create` alone would be a path to every permission.
 */
export function assertMayGrant(ctx: TenantCtx, grants: readonly Grant[]): void {
  const missing = grants.filter((g) => {
    const { permission, own } = parseGrant(g);
    return own ? !can(ctx.ability, permission) : !can(ctx.ability, permission, NOBODY);
  });
  if (missing.length > 0) {
    throw new ForbiddenError(`You cannot grant permissions you do not hold: ${missing.join(", ")}`, missing[0]);
  }
}
