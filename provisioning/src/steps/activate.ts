import { activateTenant } from "@mw/core/verbs";
import type { StepContext } from "../engine/types";
import type { OnboardRunInput } from "../workflows/inputs";
import { getTenantOrThrow, platformCtx } from "./verb-context";

/** The tenant starts serving on its platform host (and on custom domains once they verify). */
export const id = "activate";

export async function run(ctx: StepContext<OnboardRunInput>) {
  const tenant = await getTenantOrThrow(ctx.database, ctx.input.tenantId);
  if (tenant.status === "active") return { status: "active", changed: false };
  await activateTenant({ ctx: platformCtx(ctx), input: { tenantId: tenant.id } });
  return { status: "active", changed: true };
}
