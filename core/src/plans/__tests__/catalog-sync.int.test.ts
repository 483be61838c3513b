import { type StripeEmulator, startStripeEmulator } from "@mw/emulators/stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createStripeClient, type Stripe } from "../../adapters/stripe";
import { syncCatalog } from "../../billing/catalog-sync";
import { ADDONS, catalogPriceOf, catalogPrices, METERS, PLANS } from "../catalog";

let emulator: StripeEmulator;
let stripe: Stripe;

beforeAll(async () => {
  emulator = await startStripeEmulator();
  stripe = createStripeClient({ secretKey: "sk_test_catalog_sync", apiUrl: emulator.url });
});
afterAll(async () => {
  await emulator.stop();
});
beforeEach(() => emulator.clear());

const writes = () => emulator.requests.filter((r) => r.method === "POST");

describe("catalog sync, through the stripe SDK against the emulator", () => {
  it("creates the products, monthly and yearly prices and meters, then a second run changes nothing", async () => {
    const first = await syncCatalog(stripe);
    expect(first.products).toMatchObject({ created: 7, updated: 0 });
    expect(first.prices).toMatchObject({ created: catalogPrices().length, updated: 0, archived: 0 });
    expect(first.meters).toMatchObject({ created: 2, updated: 0 });
    expect(first.portal).toMatchObject({ created: 1, updated: 0 });
    const [portal] = (await stripe.billingPortal.configurations.list()).data;
    expect(portal?.is_default).toBe(true);
    expect(portal?.features.subscription_update.products?.map((p) => [p.product, p.prices.length])).toEqual([
      ["mw_plan_pro", 2],
      ["mw_plan_business", 2],
    ]);

    const pro = await stripe.prices.list({
      lookup_keys: ["mw_pro_monthly", "mw_pro_yearly"],
      expand: ["data.product"],
    });
    const byKey = new Map(pro.data.map((p) => [p.lookup_key, p]));
    expect(byKey.get("mw_pro_monthly")).toMatchObject({
      unit_amount: PLANS.pro.monthlyPriceCents,
      currency: "usd",
      recurring: { interval: "month", interval_count: 1, usage_type: "licensed" },
      product: { id: "mw_plan_pro", name: "MusicalWheel Pro" },
    });
    expect(byKey.get("mw_pro_yearly")?.unit_amount).toBe(9990);
    const white = await stripe.prices.list({ lookup_keys: ["mw_addon_white_label_yearly"] });
    expect(white.data[0]?.unit_amount).toBe(ADDONS.white_label.monthlyPriceCents * 10);
    const meters = await stripe.billing.meters.list();
    expect(meters.data.map((m) => m.event_name).sort()).toEqual(
      [METERS.events_published.eventName, METERS.rsvps.eventName].sort(),
    );
    expect(meters.data[0]?.default_aggregation.formula).toBe("sum");
    // Every create carried our own idempotency key, derived from what it creates.
    const creates = writes();
    expect(creates.every((r) => r.idempotencyKey !== null)).toBe(true);
    expect(creates.find((r) => r.path === "/v1/prices")?.idempotencyKey).toMatch(/^catalog-sync\/price\//);

    const before = writes().length;
    const second = await syncCatalog(stripe);
    expect(second).toMatchObject({ created: 0, updated: 0 });
    expect(second.prices.unchanged).toBe(catalogPrices().length);
    expect(writes().length).toBe(before);
  });

  it("a changed amount gets a new price holding the lookup key; the old one is archived", async () => {
    await syncCatalog(stripe);
    const [old] = (await stripe.prices.list({ lookup_keys: ["mw_business_monthly"] })).data;
    if (!old) throw new Error("no business price");
    // What a catalog edit looks like to Stripe: the price under the key has another amount.
    const edited = await stripe.prices.create({
      product: "mw_plan_business",
      currency: "usd",
      unit_amount: 1234,
      recurring: { interval: "month" },
      lookup_key: "mw_business_monthly",
      transfer_lookup_key: true,
    });
    await stripe.prices.update(old.id, { active: false });

    const report = await syncCatalog(stripe);
    expect(report.prices).toMatchObject({ created: 1, archived: 1 });
    // The portal offers the new price, not the archived one.
    expect(report.portal.updated).toBe(1);
    const [current] = (await stripe.prices.list({ lookup_keys: ["mw_business_monthly"] })).data;
    expect(current?.unit_amount).toBe(2999);
    expect(current?.id).not.toBe(edited.id);
    const archived = await stripe.prices.retrieve(edited.id);
    expect(archived).toMatchObject({ active: false, lookup_key: null });
    // A price that lost its key still says what it is.
    expect(catalogPriceOf(old)).toMatchObject({ kind: "plan", ref: "business", interval: "month" });
    expect((await syncCatalog(stripe)).created).toBe(0);
  });

  it("restores a renamed product and a deactivated meter", async () => {
    await syncCatalog(stripe);
    await stripe.products.update("mw_addon_analytics", { name: "Renamed by hand" });
    const meter = (await stripe.billing.meters.list()).data.find((m) => m.event_name === "mw_rsvps");
    if (!meter) throw new Error("no meter");
    await stripe.billing.meters.deactivate(meter.id);
    const report = await syncCatalog(stripe);
    expect(report.products.updated).toBe(1);
    expect(report.meters.updated).toBe(1);
    expect((await stripe.products.retrieve("mw_addon_analytics")).name).toBe("Analytics add-on");
    expect((await stripe.billing.meters.retrieve(meter.id)).status).toBe("active");
  });
});
