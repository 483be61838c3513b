import { type ThemeTokens, validateThemeContrast } from "@mw/themes";
import { and, eq, max } from "drizzle-orm";
import { z } from "zod";
import { emitAudit } from "../audit/emit";
import { assertCan } from "../authz/ability";
import { actorId, type TenantCtx } from "../context";
import type { TenantTx } from "../db/client";
import { type ThemeRow, themes } from "../db/schema/index";
import { NotFoundError, PreconditionFailedError, ValidationError } from "../errors";
import { newId } from "../ids";
import { assertTenantWritable, auditCtx, tenantTx } from "../tenancy";
import { parseInput } from "../validation";
import { assertValidTokens } from "./save-draft";

function assertPublishable(tokens: ThemeTokens): void {
  const errors = validateThemeContrast(tokens).filter((i) => i.level === "error");
  if (errors.length === 0) return;
  const fields: Record<string, string[]> = {};
  for (const e of errors) {
    const key = `tokens.colors.${e.mode}.${e.foreground}`;
    fields[key] = [...(fields[key] ?? []), e.message];
  }
  throw new ValidationError(`The theme fails WCAG contrast — ${errors.map((e) => e.message).join("; ")}`, fields);
}

async function archivePublished(tx: TenantTx, tenantId: string): Promise<ThemeRow | undefined> {
  const [current] = await tx
    .update(themes)
    .set({ status: "archived" })
    .where(and(eq(themes.tenantId, tenantId), eq(themes.status, "published")))
    .returning();
  return current;
}

/** Publish the draft: it becomes the live theme, the previous live one is archived. */
export async function publishTheme({ ctx }: { ctx: TenantCtx; input?: Record<string, never> }) {
  assertCan(ctx.ability, "theme.publish");
  assertTenantWritable(ctx);
  return tenantTx(ctx, async (tx) => {
    const tenantId = ctx.tenant.id;
    const [draft] = await tx
      .select()
      .from(themes)
      .where(and(eq(themes.tenantId, tenantId), eq(themes.status, "draft")))
      .for("update");
    if (!draft) throw new PreconditionFailedError("There is no draft to publish. Save a draft first.");
    // Stored drafts were validated on save; re-validate so a schema tightening can never publish junk.
    assertPublishable(assertValidTokens(draft.tokens));
    const previous = await archivePublished(tx, tenantId);
    const [published] = await tx
      .update(themes)
      .set({ status: "published", publishedAt: new Date() })
      .where(and(eq(themes.tenantId, tenantId), eq(themes.id, draft.id)))
      .returning();
    await emitAudit(tx, auditCtx(ctx), {
      action: "theme.publish",
      target: { type: "theme", id: draft.id },
      before: previous ? { version: previous.version } : null,
      after: { version: draft.version },
    });
    return published as ThemeRow;
  });
}

export const RollbackThemeInput = z.object({ version: z.number().int().min(1, "version must be 1 or more") }).strict();

/**
 * Roll back by publishing a copy of an earlier version as a new version, so history stays
 * linear and the rollback itself is visible in it. Any draft is left alone.
 */
export async function rollbackTheme({ ctx, input }: { ctx: TenantCtx; input: z.input<typeof RollbackThemeInput> }) {
  assertCan(ctx.ability, "theme.publish");
  const { version } = parseInput(RollbackThemeInput, input);
  assertTenantWritable(ctx);
  return tenantTx(ctx, async (tx) => {
    const tenantId = ctx.tenant.id;
    const [target] = await tx
      .select()
      .from(themes)
      .where(and(eq(themes.tenantId, tenantId), eq(themes.version, version)));
    if (!target) throw new NotFoundError(`Theme version ${version} does not exist.`);
    if (target.status === "published") throw new PreconditionFailedError(`Version ${version} is already live.`);
    if (target.status === "draft")
      throw new PreconditionFailedError(`Version ${version} is the draft; publish it instead.`);
    const tokens = assertValidTokens(target.tokens);
    assertPublishable(tokens);
    const previous = await archivePublished(tx, tenantId);
    const [top] = await tx
      .select({ v: max(themes.version) })
      .from(themes)
      .where(eq(themes.tenantId, tenantId));
    const [restored] = await tx
      .insert(themes)
      .values({
        id: newId("theme"),
        tenantId,
        version: (top?.v ?? 0) + 1,
        status: "published",
        tokens,
        createdBy: actorId(ctx.actor),
        publishedAt: new Date(),
        restoredFrom: version,
      })
      .returning();
    if (!restored) throw new Error("theme insert returned no row");
    await emitAudit(tx, auditCtx(ctx), {
      action: "theme.rollback",
      target: { type: "theme", id: restored.id },
      before: previous ? { version: previous.version } : null,
      after: { version: restored.version, restoredFrom: version },
    });
    return restored;
  });
}
