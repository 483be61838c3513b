import { buildMemberAbility, buildStaffAbility, SYSTEM_ROLES } from "@mw/core/authz";
import type { PlatformCtx, TenantCtx, TenantRef } from "@mw/core/context";
import { type Database, schema } from "@mw/core/db";
import { newId } from "@mw/core/ids";
import { hashPassword } from "@mw/core/sessions";
import {
  acceptInvitation,
  activateTenant,
  createTenant,
  inviteMember,
  publishTheme,
  saveThemeDraft,
} from "@mw/core/verbs";
import { type PresetId, THEME_PRESETS } from "@mw/themes";
import { eq } from "drizzle-orm";

/** Every demo account signs in with this password (local auth), shown by `npm start`. */
export const DEMO_PASSWORD = "musicalwheel-demo";

/** Demo customers with different brands and plans, so two hosts visibly differ after `npm start`. */
export const DEMO_TENANTS: ReadonlyArray<{
  slug: string;
  name: string;
  plan: "free" | "pro" | "business";
  preset: PresetId;
}> = [
  { slug: "aurora-records", name: "Aurora Records", plan: "pro", preset: "aurora" },
  { slug: "sunset-sounds", name: "Sunset Sounds", plan: "free", preset: "sunset" },
  { slug: "forest-fm", name: "Forest FM", plan: "business", preset: "forest" },
];

function seedPlatformCtx(database: Database): PlatformCtx {
  return {
    actor: { type: "system", process: "demo-seed" },
    ability: buildStaffAbility({ staffId: "system", roles: ["platform_admin"] }),
    database,
    requestId: newId("request"),
  };
}

function seedTenantCtx(database: Database, tenant: TenantRef): TenantCtx {
  const owner = SYSTEM_ROLES.filter((r) => r.key === "owner").map((r) => ({ key: r.key, grants: r.grants }));
  return {
    tenant,
    actor: { type: "system", process: "demo-seed" },
    ability: buildMemberAbility({ userId: "system", roles: owner }),
    database,
    requestId: newId("request"),
  };
}

/**
 * Create the demo tenants through the same verbs staff and the provisioning workflow use.
 * Idempotent: a tenant whose slug exists is left as it is.
 */
export async function seedDemo(database: Database, log: (line: string) => void = () => {}): Promise<void> {
  for (const demo of DEMO_TENANTS) {
    const [existing] = await database.db.select().from(schema.tenants).where(eq(schema.tenants.slug, demo.slug));
    if (existing) continue;
    const platform = seedPlatformCtx(database);
    const row = await createTenant({ ctx: platform, input: { name: demo.name, slug: demo.slug, plan: demo.plan } });
    const provisioning: TenantRef = { id: row.id, slug: row.slug, status: row.status, plan: row.plan };
    const ctx = seedTenantCtx(database, provisioning);
    // The preset, with the tenant's own name as the e-mail sender.
    const preset = THEME_PRESETS[demo.preset];
    await saveThemeDraft({ ctx, input: { tokens: { ...preset, email: { ...preset.email, senderName: demo.name } } } });
    await publishTheme({ ctx });
    await activateTenant({ ctx: platform, input: { tenantId: row.id } });
    const active: TenantRef = { ...provisioning, status: "active" };
    for (const [local, roleKeys] of [
      ["owner", ["owner"]],
      ["editor", ["member"]],
      ["guest", ["viewer"]],
    ] as const) {
      const email = `${local}@${demo.slug}.example`;
      const { token } = await inviteMember({
        ctx: seedTenantCtx(database, active),
        input: { email, roleKeys: [...roleKeys] },
      });
      await acceptInvitation({
        ctx: { tenant: active, database, requestId: newId("request") },
        input: { token, name: `${local[0]?.toUpperCase()}${local.slice(1)} of ${demo.name}` },
        passwordHash: await hashPassword(DEMO_PASSWORD),
      });
    }
    log(`seeded ${demo.name} (${demo.plan}, ${demo.preset} theme)`);
  }
}
