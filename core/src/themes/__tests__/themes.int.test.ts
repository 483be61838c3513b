import { THEME_PRESETS } from "@mw/themes";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { themes } from "../../db/schema/index";
import { ForbiddenError, NotFoundError, PreconditionFailedError, ValidationError } from "../../errors";
import { createTestDatabase, type TestDatabase } from "../../testing/db";
import { addMember, asUser, auditEvents, createTenantFixture, expectAuditEvent } from "../../testing/fixtures";
import { publishTheme, rollbackTheme } from "../publish";
import { saveThemeDraft } from "../save-draft";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

async function ownerCtx() {
  const f = await createTenantFixture(db);
  return { f, ctx: await asUser(db, f.tenant, f.owner.userId) };
}

const versions = (tenantId: string) =>
  db.owner.db
    .select({ version: themes.version, status: themes.status, restoredFrom: themes.restoredFrom })
    .from(themes)
    .where(eq(themes.tenantId, tenantId))
    .orderBy(themes.version);

describe("theme verbs", () => {
  it("creates a draft from a preset, edits it, publishes, and rolls back — all audited", async () => {
    const { f, ctx } = await ownerCtx();
    const { theme: v1 } = await saveThemeDraft({ ctx, input: { preset: "aurora" } });
    expect(v1).toMatchObject({ version: 1, status: "draft" });
    await expectAuditEvent(db, f.tenant.id, { action: "theme.create", targetId: v1.id });
    await publishTheme({ ctx });
    await expectAuditEvent(db, f.tenant.id, { action: "theme.publish", targetId: v1.id });

    const edited = { ...THEME_PRESETS.forest, name: "Forest edit" };
    const { theme: v2, contrast } = await saveThemeDraft({ ctx, input: { tokens: edited } });
    expect(v2.version).toBe(2);
    expect(contrast.filter((c) => c.level === "error")).toEqual([]);
    const { theme: v2again } = await saveThemeDraft({ ctx, input: { preset: "sunset" } });
    expect(v2again.id).toBe(v2.id); // one draft per tenant, updated in place
    await publishTheme({ ctx });
    expect(await versions(f.tenant.id)).toEqual([
      { version: 1, status: "archived", restoredFrom: null },
      { version: 2, status: "published", restoredFrom: null },
    ]);

    const restored = await rollbackTheme({ ctx, input: { version: 1 } });
    expect(restored).toMatchObject({ version: 3, status: "published", restoredFrom: 1 });
    expect(restored.tokens).toEqual(THEME_PRESETS.aurora);
    await expectAuditEvent(db, f.tenant.id, { action: "theme.rollback", targetId: restored.id });
  });

  it("refuses to publish without a draft, and to roll back to a missing or live version", async () => {
    const { ctx } = await ownerCtx();
    await expect(publishTheme({ ctx })).rejects.toBeInstanceOf(PreconditionFailedError);
    await saveThemeDraft({ ctx, input: { preset: "classic" } });
    await publishTheme({ ctx });
    await expect(rollbackTheme({ ctx, input: { version: 9 } })).rejects.toBeInstanceOf(NotFoundError);
    await expect(rollbackTheme({ ctx, input: { version: 1 } })).rejects.toBeInstanceOf(PreconditionFailedError);
  });

  it("saves a low-contrast draft with warnings but refuses to publish it, naming the pair and ratio", async () => {
    const { f, ctx } = await ownerCtx();
    const bad = structuredClone(THEME_PRESETS.classic) as { colors: { light: Record<string, string> } };
    bad.colors.light.primary = "#77aaff";
    bad.colors.light.primaryForeground = "#ffffff";
    const { contrast } = await saveThemeDraft({ ctx, input: { tokens: bad } });
    expect(contrast.some((c) => c.level === "error" && c.foreground === "primaryForeground")).toBe(true);
    const err = await publishTheme({ ctx }).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.message).toMatch(/primaryForeground.*primary.*2\.\d+:1/);
    expect(err.fields["tokens.colors.light.primaryForeground"]).toBeDefined();
    expect((await versions(f.tenant.id)).map((v) => v.status)).toEqual(["draft"]);
  });

  it("gives field-level errors for invalid tokens and writes nothing", async () => {
    const { f, ctx } = await ownerCtx();
    const before = (await auditEvents(db, f.tenant.id)).length;
    const bad = structuredClone(THEME_PRESETS.classic) as unknown as {
      colors: { light: Record<string, string> };
      logo: { url: string };
    };
    bad.colors.light.primary = "red;}</style><script>";
    bad.logo.url = "javascript:alert(1)";
    const err = await saveThemeDraft({ ctx, input: { tokens: bad } }).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(Object.keys(err.fields)).toEqual(expect.arrayContaining(["tokens.colors.light.primary", "tokens.logo.url"]));
    await expect(saveThemeDraft({ ctx, input: { preset: "neon" as never } })).rejects.toBeInstanceOf(ValidationError);
    expect(await versions(f.tenant.id)).toEqual([]);
    expect((await auditEvents(db, f.tenant.id)).length).toBe(before);
  });

  it("rejects an unauthorized actor: members read themes but cannot edit or publish", async () => {
    const { f } = await ownerCtx();
    const m = await addMember(db, f.tenant, ["member"]);
    const ctx = await asUser(db, f.tenant, m.userId);
    await expect(saveThemeDraft({ ctx, input: { preset: "aurora" } })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(publishTheme({ ctx })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(rollbackTheme({ ctx, input: { version: 1 } })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("cannot touch another tenant's themes", async () => {
    const a = await ownerCtx();
    const b = await ownerCtx();
    await saveThemeDraft({ ctx: b.ctx, input: { preset: "sunset" } });
    await publishTheme({ ctx: b.ctx });
    // A's owner publishing/rolling back acts on A only: B's version 1 is invisible to A.
    await expect(rollbackTheme({ ctx: a.ctx, input: { version: 1 } })).rejects.toBeInstanceOf(NotFoundError);
    await expect(publishTheme({ ctx: a.ctx })).rejects.toBeInstanceOf(PreconditionFailedError);
    expect(await versions(b.f.tenant.id)).toEqual([{ version: 1, status: "published", restoredFrom: null }]);
  });
});
