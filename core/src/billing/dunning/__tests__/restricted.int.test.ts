import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createArtist } from "../../../artists/create";
import { withTenant } from "../../../db/client";
import { LimitExceededError } from "../../../errors";
import { createEvent } from "../../../events/create";
import { listEvents } from "../../../events/list";
import { rsvpEvent } from "../../../events/rsvp";
import { asProductUser, countRows } from "../../../plans/__tests__/product-ctx";
import { FeatureUnavailableError } from "../../../plans/errors";
import { createTestDatabase, type TestDatabase } from "../../../testing/db";
import { createTenantFixture } from "../../../testing/fixtures";
import { onPaymentSucceeded } from "../payments";
import { syncDunningFromSubscription } from "../sync";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

describe("what a tenant in dunning may do (the verbs, with the state the runtime reads)", () => {
  it("past due: everything keeps working", async () => {
    const f = await createTenantFixture(db, { plan: "pro" });
    await withTenant(db.control, f.tenant.id, (tx) =>
      syncDunningFromSubscription(tx, f.tenant.id, "past_due", new Date()),
    );
    const ctx = await asProductUser(db, f.tenant, f.owner.userId);
    expect(ctx.signals?.dunning).toBe("past_due");
    await createEvent({ ctx, input: { title: "Still on", startsAt: inDays(3) } });
    expect(await countRows(db, "events", f.tenant.id)).toBe(1);
  });

  it("restricted: events stay readable, nothing new (events, RSVPs, artists beyond Free) until paid", async () => {
    const f = await createTenantFixture(db, { plan: "business" });
    const before = await asProductUser(db, f.tenant, f.owner.userId);
    const event = await createEvent({ ctx: before, input: { title: "Kept", startsAt: inDays(5) } });
    for (let i = 0; i < 10; i++) await createArtist({ ctx: before, input: { name: `Artist ${i}` } });

    await withTenant(db.control, f.tenant.id, (tx) =>
      syncDunningFromSubscription(tx, f.tenant.id, "unpaid", new Date()),
    );
    const ctx = await asProductUser(db, f.tenant, f.owner.userId);
    expect(ctx.signals?.dunning).toBe("restricted");

    expect((await listEvents({ ctx })).items.map((e) => e.title)).toEqual(["Kept"]);
    const refused = await createEvent({ ctx, input: { title: "New", startsAt: inDays(6) } }).catch((e) => e);
    expect(refused).toBeInstanceOf(FeatureUnavailableError);
    expect(refused).toMatchObject({ reason: "dunning", status: 402 });
    expect(refused.adminMessage).toMatch(/invoice is unpaid.*Billing/);
    await expect(rsvpEvent({ ctx, input: { eventId: event.id, status: "going" } })).rejects.toMatchObject({
      reason: "dunning",
    });
    const tooMany = await createArtist({ ctx, input: { name: "Eleventh" } }).catch((e) => e);
    expect(tooMany).toBeInstanceOf(LimitExceededError);
    expect(tooMany.message).toMatch(/limited to the Free plan's 10 artists until it is paid/);
    expect(await countRows(db, "events", f.tenant.id)).toBe(1);
    expect(await countRows(db, "artists", f.tenant.id)).toBe(10);

    // Paid: restored at once.
    await withTenant(db.control, f.tenant.id, (tx) =>
      onPaymentSucceeded(tx, f.tenant.id, { id: "in_paid" }, new Date()),
    );
    const after = await asProductUser(db, f.tenant, f.owner.userId);
    await createEvent({ ctx: after, input: { title: "Back", startsAt: inDays(7) } });
    await createArtist({ ctx: after, input: { name: "Eleventh" } });
    expect(await countRows(db, "artists", f.tenant.id)).toBe(11);
  });
});
