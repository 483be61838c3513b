import { withTenant } from "@mw/core/db";
import { themes } from "@mw/core/schema";
import { publishTheme, saveThemeDraft } from "@mw/core/verbs";
import { type PresetId, THEME_PRESETS, type ThemeTokens } from "@mw/themes";
import { and, eq, inArray } from "drizzle-orm";
import type { StepContext } from "../engine/types";
import type { OnboardRunInput } from "../workflows/inputs";
import { getTenantOrThrow, tenantCtx } from "./verb-context";

/** The chosen preset, published, with the tenant's name as theme name and e-mail sender. */
export const id = "initial-theme";

// Same rules as the theme schema: no control characters anywhere, nothing that breaks a From header.
const CONTROL = /\p{Cc}/gu;
const HEADER_UNSAFE = /[\p{Cc}<>"]/gu;
const clip = (value: string) => [...value.trim()].slice(0, 64).join("").trim();

export function brandedPreset(preset: PresetId, tenantName: string): ThemeTokens {
  const base = THEME_PRESETS[preset];
  const name = clip(tenantName.replace(CONTROL, " ")) || base.name;
  const senderName = clip(tenantName.replace(HEADER_UNSAFE, " ").replace(/\s+/g, " ")) || base.email.senderName;
  return { ...base, name, email: { ...base.email, senderName } };
}

/** Key-order-insensitive equality for JSON values (jsonb does not keep key order). */
function sameJson(a: unknown, b: unknown): boolean {
  const canon = (v: unknown): unknown =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>)
            .sort(([x], [y]) => (x < y ? -1 : 1))
            .map(([k, val]) => [k, canon(val)]),
        )
      : Array.isArray(v)
        ? v.map(canon)
        : v;
  return JSON.stringify(canon(a)) === JSON.stringify(canon(b));
}

export async function run(ctx: StepContext<OnboardRunInput>) {
  const tenant = await getTenantOrThrow(ctx.database, ctx.input.tenantId);
  const verbCtx = tenantCtx(ctx, tenant);
  const current = await withTenant(ctx.database, tenant.id, (tx) =>
    tx
      .select({ id: themes.id, status: themes.status, version: themes.version, tokens: themes.tokens })
      .from(themes)
      .where(and(eq(themes.tenantId, tenant.id), inArray(themes.status, ["draft", "published"]))),
  );
  const published = current.find((t) => t.status === "published");
  // Published already: by an earlier attempt of this step, or by an admin — never overwrite it.
  if (published) return { themeId: published.id, version: published.version, published: false };

  const tokens = brandedPreset(ctx.input.themePreset, tenant.name);
  const draft = current.find((t) => t.status === "draft");
  if (!draft || !sameJson(draft.tokens, tokens)) {
    await saveThemeDraft({ ctx: verbCtx, input: { tokens } });
    await ctx.checkpoint("draft-saved");
  }
  const theme = await publishTheme({ ctx: verbCtx });
  return { themeId: theme.id, version: theme.version, published: true };
}
