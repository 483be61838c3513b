import { Stripe } from "@mw/core/adapters/stripe";
import { readRawBody, receiveStripeEvent, WebhookBodyTooLargeError, WebhookSignatureError } from "@mw/core/billing";
import { createTestDatabase, type TestDatabase } from "@mw/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createJobQueue, type ProvisioningQueue } from "../../queue";

const SECRET = "whsec_test_intake_secret";
let db: TestDatabase;
let queue: ProvisioningQueue;

beforeAll(async () => {
  db = await createTestDatabase();
  // graphile-worker's schema, as a worker (or the control plane's queue) creates it.
  queue = await createJobQueue({ ownerUrl: db.ownerUrl });
});

afterAll(async () => {
  await queue?.release();
  await db?.drop();
});

let n = 0;
function event(type = "customer.subscription.updated") {
  n++;
  return JSON.stringify({
    id: `evt_intake_${process.pid}_${n}`,
    object: "event",
    type,
    api_version: "2026-11-18.endive",
    created: 1_780_000_000 + n,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: { object: { id: `sub_${n}`, object: "subscription", customer: "cus_1" } },
  });
}

const sign = (payload: string, secret = SECRET) => Stripe.webhooks.generateTestHeaderString({ payload, secret });
const deps = () => ({ database: db.control, webhookSecret: SECRET });

async function inbox(id: string) {
  return db.owner.sql<{ id: string; type: string; status: string; object_id: string }[]>`
    select id, type, status, object_id from stripe_events where id = ${id}`;
}
async function jobs(id: string) {
  return db.owner.sql<{ task_identifier: string; payload: unknown }[]>`
    select t.identifier as task_identifier, j.payload from graphile_worker._private_jobs j
      join graphile_worker._private_tasks t on t.id = j.task_id
     where j.key = ${`stripe-event:${id}`}`;
}

describe("receiveStripeEvent", () => {
  it("stores a verified event and queues its processing in the same transaction", async () => {
    const body = event();
    const id = JSON.parse(body).id as string;
    const received = await receiveStripeEvent(deps(), { rawBody: body, signature: sign(body) });
    expect(received).toMatchObject({ eventId: id, stored: true, scheduled: true });
    expect(await inbox(id)).toEqual([
      { id, type: "customer.subscription.updated", status: "pending", object_id: expect.stringMatching(/^sub_/) },
    ]);
    expect(await jobs(id)).toEqual([{ task_identifier: "billing:stripe-event", payload: { eventId: id } }]);
  });

  it("absorbs a redelivery: one row, one job, answered like the first", async () => {
    const body = event();
    const id = JSON.parse(body).id as string;
    await receiveStripeEvent(deps(), { rawBody: body, signature: sign(body) });
    const again = await receiveStripeEvent(deps(), { rawBody: body, signature: sign(body) });
    expect(again).toMatchObject({ eventId: id, stored: false });
    expect(await inbox(id)).toHaveLength(1);
    expect(await jobs(id)).toHaveLength(1);
  });

  it.each([
    ["no signature", (b: string) => ({ rawBody: b, signature: null })],
    ["another secret's signature", (b: string) => ({ rawBody: b, signature: sign(b, "whsec_someone_else") })],
    ["a body changed after signing", (b: string) => ({ rawBody: b.replace("updated", "deleted"), signature: sign(b) })],
    ["garbage in the header", (b: string) => ({ rawBody: b, signature: "t=1,v1=deadbeef" })],
  ])("refuses %s and stores nothing", async (_label, delivery) => {
    const body = event();
    const id = JSON.parse(body).id as string;
    await expect(receiveStripeEvent(deps(), delivery(body))).rejects.toBeInstanceOf(WebhookSignatureError);
    expect(await inbox(id)).toEqual([]);
    expect(await jobs(id)).toEqual([]);
  });

  it("refuses a signature older than Stripe's tolerance (a replayed capture)", async () => {
    const body = event();
    const old = Stripe.webhooks.generateTestHeaderString({
      payload: body,
      secret: SECRET,
      timestamp: Math.floor(Date.now() / 1000) - 3600,
    });
    await expect(receiveStripeEvent(deps(), { rawBody: body, signature: old })).rejects.toBeInstanceOf(
      WebhookSignatureError,
    );
  });
});

describe("readRawBody", () => {
  const stream = (parts: string[]) =>
    new ReadableStream<Uint8Array>({
      start(c) {
        for (const p of parts) c.enqueue(new TextEncoder().encode(p));
        c.close();
      },
    });

  it("returns the exact bytes, and refuses a body over the cap however it arrives", async () => {
    expect(await readRawBody(stream(['{"a":', ' "é"}']), 100)).toBe('{"a": "é"}');
    await expect(readRawBody(stream(["x".repeat(60), "y".repeat(60)]), 100)).rejects.toBeInstanceOf(
      WebhookBodyTooLargeError,
    );
  });
});
