import { PRESET_IDS, parseThemeTokens, THEME_PRESETS, type ThemeTokens, validateThemeContrast } from "@mw/themes";
import { and, eq, max } from "drizzle-orm";
import { z } from "zod";
import { emitAudit } from "../audit/emit";
import { assertCan } from "../authz/ability";
import { actorId, type TenantCtx } from "../context";
import { themes } from "../db/schema/index";
import { ValidationError } from "../errors";
import { newId } from "../ids";
import { assertTenantWritable, auditCtx, tenantTx } from "../tenancy";
import { parseInput } from "../validation";

export const SaveThemeDraftInput = z.union([
  z.object({ preset: z.enum(PRESET_IDS) }).strict(),
  z.object({ tokens: z.unknown() }).strict(),
]);

/** Token validation errors keyed by their field path (`tokens.colors.light.primary`). */
export function assertValidTokens(raw: unknown): ThemeTokens {
  const parsed = parseThemeTokens(raw);
  if (parsed.ok) return parsed.tokens;
  const fields: Record<string, string[]> = {};
  for (const e of parsed.errors) {
    const key = `tokens.${e.path}`;
    fields[key] = [...(fields[key] ?? []), e.message];
  }
  throw new ValidationError(
    `Invalid theme — ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join(", ")}`,
    fields,
  );
}

/**
 * Create or replace the tenant's single draft (from a preset or from tokens). Contrast problems
 * do not block a draft — they come back as warnings for the editor; publishing refuses errors.
 */
export async function saveThemeDraft({ ctx, input }: { ctx: TenantCtx; input: z.input<typeof SaveThemeDraftInput> }) {
  assertCan(ctx.ability, "theme.update");
  const data = parseInput(SaveThemeDraftInput, input);
  const tokens = "preset" in data ? THEME_PRESETS[data.preset] : assertValidTokens(data.tokens);
  assertTenantWritable(ctx);
  const contrast = validateThemeContrast(tokens);
  const theme = await tenantTx(ctx, async (tx) => {
    const tenantId = ctx.tenant.id;
    const [draft] = await tx
      .select()
      .from(themes)
      .where(and(eq(themes.tenantId, tenantId), eq(themes.status, "draft")))
      .for("update");
    if (draft) {
      const [after] = await tx
        .update(themes)
        .set({ tokens })
        .where(and(eq(themes.tenantId, tenantId), eq(themes.id, draft.id)))
        .returning();
      await emitAudit(tx, auditCtx(ctx), {
        action: "theme.update",
        target: { type: "theme", id: draft.id },
        before: { version: draft.version, tokens: draft.tokens },
        after: { version: draft.version, tokens },
      });
      return after;
    }
    const [top] = await tx
      .select({ v: max(themes.version) })
      .from(themes)
      .where(eq(themes.tenantId, tenantId));
    const [created] = await tx
      .insert(themes)
      .values({
        id: newId("theme"),
        tenantId,
        version: (top?.v ?? 0) + 1,
        status: "draft",
        tokens,
        createdBy: actorId(ctx.actor),
      })
      .returning();
    if (!created) throw new Error("theme insert returned no row");
    await emitAudit(tx, auditCtx(ctx), {
      action: "theme.create",
      target: { type: "theme", id: created.id },
      after: { version: created.version, tokens },
    });
    return created;
  });
  if (!theme) throw new Error("theme draft was not saved");
  return { theme, contrast };
}
