import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { STRIPE_WEBHOOK_EVENTS, Stripe } from "@mw/core/adapters/stripe";
import { readRawBody, receiveStripeEvent, WebhookBodyTooLargeError, WebhookSignatureError } from "@mw/core/billing";
import type { TenantRef } from "@mw/core/context";
import { createTenantFixture } from "@mw/core/testing";
import { createHarness, type Harness, until } from "../../__tests__/harness";

export const WEBHOOK_SECRET = "whsec_billing_tests_secret";

/**
 * The provisioning harness (Postgres, a worker with the Stripe client, the emulators) plus a
 * webhook receiver that runs the control plane's intake — verify, inbox, queue — on a local port.
 */
export interface BillingHarness extends Harness {
  receiverUrl: string;
  /** Answers of the receiver, by status. */
  answers: Map<number, number>;
  /** Registers the receiver at the emulator for every event billing subscribes to. */
  subscribeWebhooks(): void;
  /** A fresh tenant whose Stripe customer (metadata tenantId, a card unless told) is linked in the ledger. */
  customerTenant(opts?: { card?: string | null; link?: boolean; testClock?: string }): Promise<{
    tenant: TenantRef;
    customerId: string;
  }>;
  /** Delivers one event as Stripe would (signed JSON POST) and returns the HTTP status. */
  deliver(event: Stripe.Event | string): Promise<number>;
  /** Waits until these inbox rows (or every row of the tenant) are neither missing nor pending. */
  settled(opts: { eventIds?: string[]; tenantId?: string; timeoutMs?: number }): Promise<void>;
  closeAll(): Promise<void>;
}

export async function createBillingHarness(): Promise<BillingHarness> {
  const h = await createHarness({ stepAttempts: 3 });
  const answers = new Map<number, number>();
  const server: Server = createServer(async (req, res) => {
    let status = 200;
    try {
      const body = await readRawBody(
        new ReadableStream({
          start(c) {
            req.on("data", (chunk: Buffer) => c.enqueue(new Uint8Array(chunk)));
            req.on("end", () => c.close());
            req.on("error", (e) => c.error(e));
          },
        }),
      );
      const sig = req.headers["stripe-signature"];
      await receiveStripeEvent(
        { database: h.db.control, webhookSecret: WEBHOOK_SECRET },
        { rawBody: body, signature: typeof sig === "string" ? sig : null },
      );
    } catch (err) {
      status = err instanceof WebhookSignatureError || err instanceof WebhookBodyTooLargeError ? err.status : 500;
    }
    answers.set(status, (answers.get(status) ?? 0) + 1);
    res.writeHead(status, { "content-type": "application/json" }).end("{}");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/stripe`;
  let n = 0;

  const bh: BillingHarness = Object.assign(h, {
    receiverUrl,
    answers,
    subscribeWebhooks() {
      h.stripeEmulator.webhooks.addEndpoint({
        url: receiverUrl,
        secret: WEBHOOK_SECRET,
        enabledEvents: [...STRIPE_WEBHOOK_EVENTS],
      });
    },
    async customerTenant(opts: { card?: string | null; link?: boolean; testClock?: string } = {}) {
      const { tenant, owner } = await createTenantFixture(h.db, { slug: `bill-${process.pid}-${++n}` });
      void owner;
      const card = opts.card === undefined ? "pm_card_visa" : opts.card;
      const customer = await h.stripe.customers.create({
        name: tenant.slug,
        metadata: { tenantId: tenant.id },
        ...(opts.testClock ? { test_clock: opts.testClock } : {}),
      });
      if (card) {
        const pm = await h.stripe.paymentMethods.attach(card, { customer: customer.id });
        await h.stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: pm.id } });
      }
      if (opts.link !== false) {
        await h.db.owner.sql`
          insert into billing_accounts (tenant_id, stripe_customer_id) values (${tenant.id}, ${customer.id})`;
      }
      return { tenant, customerId: customer.id };
    },
    async deliver(event: Stripe.Event | string) {
      const payload = typeof event === "string" ? event : JSON.stringify(event);
      const res = await fetch(receiverUrl, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "stripe-signature": Stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET }),
        },
        body: payload,
      });
      await res.arrayBuffer();
      return res.status;
    },
    async settled(opts: { eventIds?: string[]; tenantId?: string; timeoutMs?: number }) {
      await until(async () => {
        await h.expediteRetries();
        if (opts.eventIds) {
          const rows = await h.db.owner.sql<{ n: number }[]>`
            select count(*)::int as n from stripe_events where id = any(${opts.eventIds}) and status <> 'pending'`;
          return rows[0]?.n === new Set(opts.eventIds).size;
        }
        const rows = await h.db.owner.sql<{ n: number }[]>`
          select count(*)::int as n from stripe_events where status = 'pending'
             and (for_tenant_id = ${opts.tenantId ?? null} or for_tenant_id is null)`;
        return rows[0]?.n === 0;
      }, opts.timeoutMs ?? 20_000);
    },
    async closeAll() {
      await new Promise<void>((r) => server.close(() => r()));
      await h.close();
    },
  });
  return bh;
}

/** Every event Stripe holds about a customer, oldest first (what a webhook endpoint would have been sent). */
export async function eventsOfCustomer(stripe: Stripe, customerId: string): Promise<Stripe.Event[]> {
  const all: Stripe.Event[] = [];
  for await (const e of stripe.events.list({ limit: 100 })) {
    const object = e.data.object as { customer?: unknown; id?: unknown };
    const customer = typeof object.customer === "string" ? object.customer : (object.customer as { id?: string })?.id;
    if (customer === customerId || object.id === customerId) all.push(e);
  }
  return all.filter((e) => (STRIPE_WEBHOOK_EVENTS as readonly string[]).includes(e.type)).reverse();
}
