import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStripeClient } from "../../../adapters/stripe";
import { createArtist } from "../../../artists/create";
import { buildMemberAbility, can } from "../../../authz/ability";
import { SYSTEM_ROLES } from "../../../authz/system-roles";
import type { TenantCtx } from "../../../context";
import { ForbiddenError } from "../../../errors";
import { createEvent } from "../../../events/create";
import { inviteMember } from "../../../invitations/create";
import { computeEntitlements } from "../../../plans/catalog";
import { createRole } from "../../../roles/create";
import { updateTenant } from "../../../tenants/update";
import { createTestDatabase, type TestDatabase } from "../../../testing/db";
import { addMember, asUser, auditEvents, createTenantFixture, type TenantFixture } from "../../../testing/fixtures";
import { freePort } from "../../../testing/net";
import { saveThemeDraft } from "../../../themes/save-draft";
import { cancelSubscription, resumeSubscription } from "../cancel";
import { changeSubscription, previewSubscriptionChange } from "../change";
import { startCheckout } from "../checkout";
import { getBillingOverview } from "../overview";
import { openPaymentMethodPortal } from "../payment-method";

/**
 * Who may see and change billing (issue 10.9, the role matrix): owners and billing managers manage
 * it, admins read it, members and viewers do neither — and a billing manager reaches no content,
 * theme, people or settings verb. Refusals must come before anything else: the Stripe client here
 * points at a closed port, so a verb that called Stripe before checking would fail differently.
 */

const ROLES = ["owner", "admin", "billing_manager", "member", "viewer"] as const;
type RoleKey = (typeof ROLES)[number];
const EXPECTED: Record<RoleKey, { read: boolean; manage: boolean }> = {
  owner: { read: true, manage: true },
  admin: { read: true, manage: false },
  billing_manager: { read: true, manage: true },
  member: { read: false, manage: false },
  viewer: { read: false, manage: false },
};

let db: TestDatabase;
let f: TenantFixture;
const ctxs = {} as Record<RoleKey, TenantCtx>;
let nowhere: ReturnType<typeof createStripeClient>;

beforeAll(async () => {
  db = await createTestDatabase();
  f = await createTenantFixture(db, { plan: "free" });
  for (const role of ROLES) {
    const who = role === "owner" ? f.owner : await addMember(db, f.tenant, [role], `${role}@matrix.test`);
    ctxs[role] = await asUser(db, f.tenant, who.userId);
  }
  // Nothing listens there: any Stripe call would end in a connection error, never a ForbiddenError.
  nowhere = createStripeClient({
    secretKey: "sk_test_role_matrix",
    apiUrl: `http://127.0.0.1:${await freePort()}`,
    maxNetworkRetries: 0,
    timeoutMs: 1000,
  });
});
afterAll(() => db.drop());

const returnUrl = "http://localhost:3000/console/billing";
const target = { plan: "business" as const, interval: "month" as const, addons: [] };

const manageVerbs: Record<string, (ctx: TenantCtx) => Promise<unknown>> = {
  startCheckout: (ctx) => startCheckout({ ctx, input: { plan: "pro" }, stripe: nowhere, returnUrl }),
  previewSubscriptionChange: (ctx) => previewSubscriptionChange({ ctx, input: target, stripe: nowhere }),
  changeSubscription: (ctx) => changeSubscription({ ctx, input: target, stripe: nowhere }),
  cancelSubscription: (ctx) => cancelSubscription({ ctx, stripe: nowhere }),
  resumeSubscription: (ctx) => resumeSubscription({ ctx, stripe: nowhere }),
  openPaymentMethodPortal: (ctx) => openPaymentMethodPortal({ ctx, stripe: nowhere, returnUrl }),
};

describe("billing role matrix", () => {
  it("the system roles grant billing.read and billing.manage exactly as the matrix says", () => {
    for (const role of ROLES) {
      const grants = SYSTEM_ROLES.find((r) => r.key === role)?.grants ?? [];
      const ability = buildMemberAbility({ userId: "u", roles: [{ key: role, grants }] });
      expect({ role, read: can(ability, "billing.read"), manage: can(ability, "billing.manage") }).toEqual({
        role,
        ...EXPECTED[role],
      });
    }
  });

  for (const role of ROLES) {
    it(`${role}: ${EXPECTED[role].read ? "reads" : "cannot read"} the billing overview`, async () => {
      const run = getBillingOverview({ ctx: ctxs[role], stripe: nowhere });
      if (!EXPECTED[role].read) {
        await expect(run).rejects.toMatchObject({ permission: "billing.read" });
        return;
      }
      const o = await run;
      expect(o).toMatchObject({ plan: "free", hasSubscription: false, upcoming: { state: "none" } });
      expect(o.canManage).toBe(EXPECTED[role].manage);
    });

    it(`${role}: ${EXPECTED[role].manage ? "passes" : "is refused at"} the billing.manage check of every change`, async () => {
      for (const [name, verb] of Object.entries(manageVerbs)) {
        const outcome = await verb(ctxs[role]).then(
          () => "done",
          (err: unknown) => err,
        );
        if (EXPECTED[role].manage) {
          // Past the permission check, each verb meets the next precondition (no subscription, or
          // Stripe unreachable) — never a refusal for the permission.
          expect(outcome, name).not.toBeInstanceOf(ForbiddenError);
        } else {
          expect(outcome, name).toBeInstanceOf(ForbiddenError);
          expect(outcome, name).toMatchObject({ permission: "billing.manage" });
        }
      }
    });
  }

  it("refusals write nothing to the audit log", async () => {
    const before = (await auditEvents(db, f.tenant.id)).length;
    for (const role of ["admin", "member", "viewer"] as const) {
      for (const verb of Object.values(manageVerbs)) await verb(ctxs[role]).catch(() => undefined);
    }
    const after = await auditEvents(db, f.tenant.id);
    expect(after.length).toBe(before);
    expect(after.filter((e) => e.action.startsWith("billing."))).toEqual([]);
  });

  it("a billing manager reaches no content, theme, people, role or settings verb", async () => {
    const bm = ctxs.billing_manager;
    const product = { ...bm, entitlements: computeEntitlements("business") };
    const refusals: [string, Promise<unknown>][] = [
      ["artist.create", createArtist({ ctx: product, input: { name: "Nope" } })],
      [
        "event.create",
        createEvent({
          ctx: product,
          input: { title: "Nope", startsAt: new Date(Date.now() + 86_400_000).toISOString() },
        }),
      ],
      ["theme.update", saveThemeDraft({ ctx: bm, input: { tokens: {} } as never })],
      ["member.invite", inviteMember({ ctx: bm, input: { email: "x@matrix.test", roleKeys: ["member"] } })],
      ["role.create", createRole({ ctx: bm, input: { key: "nope", name: "Nope", grants: [] } })],
      ["tenant.update", updateTenant({ ctx: bm, input: { name: "Renamed" } })],
    ];
    for (const [permission, run] of refusals) {
      await expect(run, permission).rejects.toMatchObject({ permission });
    }
  });
});
