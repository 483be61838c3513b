import type Stripe from "stripe";
import {
  CATALOG_METADATA,
  type CatalogPrice,
  type CatalogProduct,
  catalogPrices,
  catalogProducts,
  METER_IDS,
  METERS,
  type MeterDefinition,
} from "../plans/catalog";

/** Prices are in US dollars. */
export const CATALOG_CURRENCY = "usd";

export interface CatalogSyncCounts {
  created: number;
  updated: number;
  /** Prices only: old prices archived because the catalog's amount changed. */
  archived: number;
  unchanged: number;
}

export interface CatalogSyncReport {
  products: CatalogSyncCounts;
  prices: CatalogSyncCounts;
  meters: CatalogSyncCounts;
  /** The customer portal configuration (plans a customer may switch among). */
  portal: CatalogSyncCounts;
  /** Totals over the three: a second run right after the first reports 0 created and 0 updated. */
  created: number;
  updated: number;
}

const counts = (): CatalogSyncCounts => ({ created: 0, updated: 0, archived: 0, unchanged: 0 });

/**
 * Brings Stripe in line with the plan catalog (`core/src/plans/catalog.ts`), idempotently:
 * - a product per paid plan and add-on, with our own ids (`mw_plan_pro`), created or renamed;
 * - their monthly and yearly prices, found by lookup key. Stripe prices are immutable: when the
 *   catalog's amount (or interval, or product) changed, a new price takes the lookup key over
 *   (`transfer_lookup_key`) and the old one is archived — existing subscriptions keep the old price
 *   until they are moved; the metadata on every price (`mw_kind`, `mw_ref`, `mw_interval`) still
 *   names what it is;
 * - the usage meters, found by `event_name` (meters cannot be deleted; an inactive one is reactivated);
 * - the default customer portal configuration (ours carries `mw_catalog` metadata): invoice history,
 *   card updates, cancel at period end, and switching among the paid plans' current prices.
 * Creation calls carry idempotency keys derived from what they create, so a crashed run retried
 * does not create twice.
 */
export async function syncCatalog(
  stripe: Stripe,
  options: { log?: (line: string) => void } = {},
): Promise<CatalogSyncReport> {
  const log = options.log ?? (() => {});
  const report: CatalogSyncReport = {
    products: counts(),
    prices: counts(),
    meters: counts(),
    portal: counts(),
    created: 0,
    updated: 0,
  };
  for (const product of catalogProducts()) await syncProduct(stripe, product, report.products, log);
  await syncPrices(stripe, catalogPrices(), report.prices, log);
  await syncMeters(stripe, report.meters, log);
  await syncPortal(stripe, report.portal, log);
  for (const c of [report.products, report.prices, report.meters, report.portal]) {
    report.created += c.created;
    report.updated += c.updated + c.archived;
  }
  return report;
}

function productMetadata(p: CatalogProduct): Record<string, string> {
  return { [CATALOG_METADATA.kind]: p.kind, [CATALOG_METADATA.ref]: p.ref };
}

function priceMetadata(p: CatalogPrice): Record<string, string> {
  return {
    [CATALOG_METADATA.kind]: p.kind,
    [CATALOG_METADATA.ref]: p.ref,
    [CATALOG_METADATA.interval]: p.interval,
    ...(p.perSeat ? { mw_per_seat: "true" } : {}),
  };
}

const sameMetadata = (have: Record<string, string> | null, want: Record<string, string>) =>
  Object.entries(want).every(([k, v]) => have?.[k] === v);

async function syncProduct(stripe: Stripe, want: CatalogProduct, c: CatalogSyncCounts, log: (l: string) => void) {
  const metadata = productMetadata(want);
  let have: Stripe.Product | null = null;
  try {
    have = await stripe.products.retrieve(want.productId);
  } catch (err) {
    if ((err as { code?: string }).code !== "resource_missing") throw err;
  }
  if (!have) {
    await stripe.products.create(
      { id: want.productId, name: want.name, metadata },
      { idempotencyKey: `catalog-sync/product/${want.productId}` },
    );
    log(`product ${want.productId} created`);
    c.created += 1;
    return;
  }
  if (have.name === want.name && have.active && sameMetadata(have.metadata, metadata)) {
    c.unchanged += 1;
    return;
  }
  await stripe.products.update(want.productId, { name: want.name, active: true, metadata });
  log(`product ${want.productId} updated`);
  c.updated += 1;
}

/** Every price holding one of the catalog's lookup keys (Stripe filters up to 10 keys per call). */
async function pricesByLookupKey(stripe: Stripe, keys: string[]): Promise<Map<string, Stripe.Price>> {
  const found = new Map<string, Stripe.Price>();
  for (let i = 0; i < keys.length; i += 10) {
    const page = await stripe.prices.list({ lookup_keys: keys.slice(i, i + 10), limit: 100 });
    for (const price of page.data) if (price.lookup_key) found.set(price.lookup_key, price);
  }
  return found;
}

function matches(have: Stripe.Price, want: CatalogPrice): boolean {
  const product = typeof have.product === "string" ? have.product : have.product.id;
  return (
    product === want.productId &&
    have.currency === CATALOG_CURRENCY &&
    have.unit_amount === want.unitAmountCents &&
    have.recurring?.interval === want.interval &&
    (have.recurring?.interval_count ?? 1) === 1 &&
    have.recurring?.usage_type === "licensed"
  );
}

async function syncPrices(stripe: Stripe, wanted: CatalogPrice[], c: CatalogSyncCounts, log: (l: string) => void) {
  const existing = await pricesByLookupKey(
    stripe,
    wanted.map((p) => p.lookupKey),
  );
  for (const want of wanted) {
    const have = existing.get(want.lookupKey);
    const metadata = priceMetadata(want);
    const nickname = `${want.ref} ${want.interval}ly${want.perSeat ? " (per seat)" : ""}`;
    if (have && matches(have, want)) {
      if (have.active && sameMetadata(have.metadata, metadata) && have.nickname === nickname) {
        c.unchanged += 1;
        continue;
      }
      await stripe.prices.update(have.id, { active: true, metadata, nickname });
      log(`price ${want.lookupKey} (${have.id}) updated`);
      c.updated += 1;
      continue;
    }
    const created = await stripe.prices.create(
      {
        product: want.productId,
        currency: CATALOG_CURRENCY,
        unit_amount: want.unitAmountCents,
        recurring: { interval: want.interval, interval_count: 1, usage_type: "licensed" },
        lookup_key: want.lookupKey,
        // Takes the key from the price it replaces (amounts are immutable at Stripe).
        transfer_lookup_key: true,
        nickname,
        metadata,
      },
      {
        // Names the price it replaces too: the same amount coming back after an edit (within the
        // key's 24 h) must create a price, not replay the first creation.
        idempotencyKey: `catalog-sync/price/${want.lookupKey}/${want.unitAmountCents}/${want.interval}/${have?.id ?? "new"}`,
      },
    );
    c.created += 1;
    if (have) {
      await stripe.prices.update(have.id, { active: false });
      c.archived += 1;
      log(`price ${want.lookupKey}: ${have.id} archived, ${created.id} now holds the key`);
    } else {
      log(`price ${want.lookupKey} (${created.id}) created`);
    }
  }
}

async function syncMeters(stripe: Stripe, c: CatalogSyncCounts, log: (l: string) => void) {
  const meters = await stripe.billing.meters.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 });
  for (const id of METER_IDS) {
    const want: MeterDefinition = METERS[id];
    // An active meter wins over an inactive one with the same event name.
    const have =
      meters.find((m) => m.event_name === want.eventName && m.status === "active") ??
      meters.find((m) => m.event_name === want.eventName);
    if (!have) {
      await stripe.billing.meters.create(
        {
          display_name: want.displayName,
          event_name: want.eventName,
          default_aggregation: { formula: want.aggregation },
          customer_mapping: { type: "by_id", event_payload_key: "stripe_customer_id" },
          value_settings: { event_payload_key: "value" },
        },
        { idempotencyKey: `catalog-sync/meter/${want.eventName}` },
      );
      log(`meter ${want.eventName} created`);
      c.created += 1;
      continue;
    }
    let changed = false;
    if (have.status !== "active") {
      await stripe.billing.meters.reactivate(have.id);
      changed = true;
    }
    if (have.display_name !== want.displayName) {
      await stripe.billing.meters.update(have.id, { display_name: want.displayName });
      changed = true;
    }
    if (changed) {
      log(`meter ${want.eventName} updated`);
      c.updated += 1;
    } else {
      c.unchanged += 1;
    }
  }
}

const PORTAL_METADATA = { mw_catalog: "true" };

/** The portal's plan switcher: each paid plan with a list price, its monthly and yearly prices. */
async function portalProducts(stripe: Stripe): Promise<{ product: string; prices: string[] }[]> {
  const plans = catalogPrices().filter((p) => p.kind === "plan");
  const byKey = await pricesByLookupKey(
    stripe,
    plans.map((p) => p.lookupKey),
  );
  const products = new Map<string, string[]>();
  for (const p of plans) {
    const price = byKey.get(p.lookupKey);
    if (price) products.set(p.productId, [...(products.get(p.productId) ?? []), price.id]);
  }
  return [...products].map(([product, prices]) => ({ product, prices }));
}

async function syncPortal(stripe: Stripe, c: CatalogSyncCounts, log: (l: string) => void) {
  const products = await portalProducts(stripe);
  const features = {
    invoice_history: { enabled: true },
    payment_method_update: { enabled: true },
    subscription_cancel: { enabled: true, mode: "at_period_end" as const },
    subscription_update: {
      enabled: true,
      default_allowed_updates: ["price" as const],
      proration_behavior: "create_prorations" as const,
      products,
    },
  };
  const configs = await stripe.billingPortal.configurations.list({ limit: 100 });
  const ours = configs.data.find((cfg) => cfg.metadata?.mw_catalog === "true");
  if (!ours) {
    await stripe.billingPortal.configurations.create(
      { features, metadata: PORTAL_METADATA },
      { idempotencyKey: `catalog-sync/portal/${products.flatMap((p) => p.prices).join(",")}` },
    );
    log("customer portal configuration created");
    c.created += 1;
    return;
  }
  const have = ours.features;
  const same =
    have.invoice_history.enabled &&
    have.payment_method_update.enabled &&
    have.subscription_cancel.enabled &&
    have.subscription_cancel.mode === "at_period_end" &&
    have.subscription_update.enabled &&
    JSON.stringify(
      (have.subscription_update.products ?? []).map((p) => ({ product: p.product, prices: [...p.prices].sort() })),
    ) === JSON.stringify(products.map((p) => ({ product: p.product, prices: [...p.prices].sort() })));
  if (same) {
    c.unchanged += 1;
    return;
  }
  await stripe.billingPortal.configurations.update(ours.id, { features });
  log(`customer portal configuration ${ours.id} updated`);
  c.updated += 1;
}
