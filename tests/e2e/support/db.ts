import { readFileSync } from "node:fs";
import { buildMemberAbility, buildStaffAbility, SYSTEM_ROLES } from "@mw/core/authz";
import type { PlatformCtx, TenantCtx, TenantRef } from "@mw/core/context";
import { type Database, openDatabase, roleUrl } from "@mw/core/db";
import { newId } from "@mw/core/ids";
import { E2E } from "./ports";

let owner: Database | null = null;
let control: Database | null = null;

interface E2EState {
  ownerUrl: string;
  rolePassword: string;
  revalidateSecret: string;
  resendUrl: string | null;
  vercelUrl: string | null;
  stripeUrl: string | null;
  stripeWebhookSecret: string | null;
}

/** What the global setup recorded about the running platform. */
export function state(): E2EState {
  return JSON.parse(readFileSync(E2E.stateFile, "utf8"));
}

/** The e2e database as its owner: for asserting what the product wrote. */
export function ownerDb(): Database {
  owner ??= openDatabase(state().ownerUrl, { max: 2 });
  return owner;
}

/** As the control plane connects (RLS applies), for driving verbs the way the control plane will. */
export function controlDb(): Database {
  control ??= openDatabase(roleUrl(state().ownerUrl, "mw_control", state().rolePassword), { max: 2 });
  return control;
}

/** The e2e platform's Stripe emulator (always running in the e2e runs). */
export function stripeUrl(): string {
  const url = state().stripeUrl;
  if (!url) throw new Error("the e2e platform runs without the Stripe emulator");
  return url;
}

export function resendUrl(): string {
  const url = state().resendUrl;
  if (!url) throw new Error("the e2e platform runs without the Resend emulator");
  return url;
}

export function vercelUrl(): string {
  const url = state().vercelUrl;
  if (!url) throw new Error("the e2e platform runs without the Vercel emulator");
  return url;
}

export async function tenantBySlug(slug: string): Promise<TenantRef> {
  const [t] = await ownerDb().sql<TenantRef[]>`select id, slug, status, plan from tenants where slug = ${slug}`;
  if (!t) throw new Error(`no tenant ${slug}`);
  return t;
}

export function staffCtx(): PlatformCtx {
  return {
    actor: { type: "staff", staffId: "stf_e2e" },
    ability: buildStaffAbility({ staffId: "stf_e2e", roles: ["platform_admin"] }),
    database: controlDb(),
    requestId: newId("request"),
  };
}

export function ownerCtx(tenant: TenantRef): TenantCtx {
  const owner = SYSTEM_ROLES.filter((r) => r.key === "owner").map((r) => ({ key: r.key, grants: r.grants }));
  return {
    tenant,
    actor: { type: "system", process: "e2e" },
    ability: buildMemberAbility({ userId: "system", roles: owner }),
    database: controlDb(),
    requestId: newId("request"),
  };
}
