import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type Stripe from "stripe";
import { afterAll, describe, expect, it } from "vitest";
import { startStripeEmulator } from "../index";
import { catalog, sdk } from "./helpers";

const dir = mkdtempSync(join(tmpdir(), "mw-stripe-persist-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the emulator's account across restarts (persistPath)", () => {
  it("keeps objects, card behaviours, billing state, idempotency keys and the clock; not webhook endpoints", async () => {
    const path = join(dir, "stripe.json");
    const first = await startStripeEmulator({
      persistPath: path,
      webhookEndpoints: [{ url: "http://127.0.0.1:9/hook" }],
    });
    const a = sdk(first, "sk_test_persist");
    const prices = await catalog(a);
    const customer = await a.customers.create({ email: "keep@x.test" }, { idempotencyKey: "run-9/customer" });
    await a.paymentMethods.attach("pm_card_chargeCustomerFail", { customer: customer.id });
    const pm = (await a.customers.listPaymentMethods(customer.id)).data[0] as Stripe.PaymentMethod;
    await a.customers.update(customer.id, { invoice_settings: { default_payment_method: pm.id } });
    const sub = await a.subscriptions.create({
      customer: customer.id,
      items: [{ price: prices.proMonthly.id }],
      trial_period_days: 3,
    });
    first.clock.advance(60_000);
    await first.stop();
    expect(first.restored).toBe(false);

    const second = await startStripeEmulator({ persistPath: path });
    try {
      const b = sdk(second, "sk_test_persist");
      expect(second.restored).toBe(true);
      expect(((await b.customers.retrieve(customer.id)) as Stripe.Customer).email).toBe("keep@x.test");
      const again = await b.customers.create({ email: "keep@x.test" }, { idempotencyKey: "run-9/customer" });
      expect(again.id).toBe(customer.id);
      expect((await b.subscriptions.retrieve(sub.id)).status).toBe("trialing");
      expect((await b.webhookEndpoints.list()).data).toHaveLength(0);
      expect(second.clock.now().getTime()).toBeGreaterThanOrEqual(Date.now() + 59_000);
      // The card still fails when the trial ends (its behaviour was kept too).
      await fetch(`${second.url}/_emulator/clock`, {
        method: "POST",
        body: JSON.stringify({ advanceMs: 4 * 86_400_000 }),
      });
      expect((await b.subscriptions.retrieve(sub.id)).status).toBe("past_due");
    } finally {
      await second.stop();
    }
  });
});
