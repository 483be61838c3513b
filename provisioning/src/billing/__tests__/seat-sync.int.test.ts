import { applyStripeSubscription } from "@mw/core/billing";
import { withTenant } from "@mw/core/db";
import { addMember, asUser, auditEvents, createTenantFixture } from "@mw/core/testing";
import { removeMember } from "@mw/core/verbs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness, until } from "../../__tests__/harness";
import { SEAT_SYNC_TASK } from "../seat-sync";

/**
 * Seats end to end: a membership that starts or ends queues the seat sync in its own transaction
 * (the memberships trigger), the worker runs it, Stripe's per-seat quantity and the ledger follow.
 */

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

async function businessTenant() {
  const f = await createTenantFixture(h.db, { plan: "free" });
  const customer = await h.stripe.customers.create({ metadata: { tenantId: f.tenant.id } });
  const { data } = await h.stripe.prices.list({ lookup_keys: ["mw_business_monthly"] });
  const sub = await h.stripe.subscriptions.create({
    customer: customer.id,
    items: [{ price: data[0]?.id as string, quantity: 1 }],
    trial_period_days: 14,
    metadata: { tenantId: f.tenant.id },
  });
  await withTenant(h.db.control, f.tenant.id, (tx) => applyStripeSubscription(tx, f.tenant.id, sub));
  return { f, sub };
}

const quantity = async (subId: string) => (await h.stripe.subscriptions.retrieve(subId)).items.data[0]?.quantity;
const seatJobs = async (tenantId: string) =>
  (
    await h.db.owner.sql<{ n: number }[]>`
      select count(*)::int as n from graphile_worker.jobs
       where task_identifier = ${SEAT_SYNC_TASK} and key = ${`billing:seats:${tenantId}`}`
  )[0]?.n ?? 0;

describe("seat sync in the worker", () => {
  it("joins and a removal reach Stripe's quantity and the ledger, one queued job per tenant", async () => {
    const { f, sub } = await businessTenant();
    const a = await addMember(h.db, f.tenant, ["member"]);
    await addMember(h.db, f.tenant, ["viewer"]);
    // Two joins, one job (debounced by its key).
    expect(await seatJobs(f.tenant.id)).toBe(1);
    await until(async () => (await quantity(sub.id)) === 3, 20_000);
    await until(async () => {
      const [row] = await h.db.owner.sql`select seats from billing_accounts where tenant_id = ${f.tenant.id}`;
      return row?.seats === 3;
    });
    const synced = (await auditEvents(h.db, f.tenant.id)).filter((e) => e.action === "billing.seats_sync");
    expect(synced).toHaveLength(1);
    expect(synced[0]?.actor_type).toBe("system");

    const ctx = await asUser(h.db, f.tenant, f.owner.userId);
    await removeMember({ ctx, input: { membershipId: a.membershipId } });
    await until(async () => (await quantity(sub.id)) === 2, 20_000);
  });

  it("a tenant without a subscription queues nothing", async () => {
    const f = await createTenantFixture(h.db, { plan: "free" });
    await addMember(h.db, f.tenant, ["member"]);
    expect(await seatJobs(f.tenant.id)).toBe(0);
  });
});
