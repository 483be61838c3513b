import { randomBytes } from "node:crypto";
import {
  createStripeClient,
  STRIPE_EMULATOR_SECRET_KEY,
  STRIPE_WEBHOOK_EVENTS,
  STRIPE_WEBHOOK_PATH,
  type Stripe,
} from "@mw/core/adapters/stripe";
import { syncCatalog } from "@mw/core/billing/catalog-sync";
import { type StripeEmulator, startStripeEmulator } from "@mw/emulators/stripe";

export interface LocalStripe {
  /** The SDK client this process uses (the in-process worker's). */
  client: Stripe;
  emulator: StripeEmulator | null;
  /** Environment for the apps and the worker: STRIPE_API_URL, STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET. */
  env: Record<string, string>;
  webhookSecret: string | null;
  stop(): Promise<void>;
}

/**
 * Stripe for `npm start` and the e2e runs. Without a secret key: the local emulator, the plan
 * catalog synced into it, and a webhook endpoint registered for the control plane's
 * `/api/webhooks/stripe` with a fresh signing secret that the apps get too. With a key: the real
 * Stripe, untouched (`npm run billing:sync` syncs it; its endpoint and STRIPE_WEBHOOK_SECRET are the
 * operator's).
 */
export async function startLocalStripe(o: {
  secretKey?: string | undefined;
  webhookSecret?: string | undefined;
  emulatorPort: number;
  controlPlanePort: number;
  /** Where the emulator keeps its account between runs (beside the platform's database). */
  persistPath?: string;
  log: (line: string) => void;
}): Promise<LocalStripe> {
  if (o.secretKey) {
    if (!o.webhookSecret) o.log("STRIPE_WEBHOOK_SECRET is unset: Stripe's webhook deliveries will be refused");
    return {
      client: createStripeClient({ secretKey: o.secretKey }),
      emulator: null,
      env: {},
      webhookSecret: o.webhookSecret ?? null,
      stop: async () => {},
    };
  }
  const emulator = await startStripeEmulator({
    port: o.emulatorPort,
    apiKey: STRIPE_EMULATOR_SECRET_KEY,
    ...(o.persistPath ? { persistPath: o.persistPath } : {}),
  });
  try {
    const client = createStripeClient({ secretKey: STRIPE_EMULATOR_SECRET_KEY, apiUrl: emulator.url });
    const report = await syncCatalog(client);
    // Registered after the sync, so the catalog's own product/price events are not sent to an app
    // that is not up yet (an endpoint receives the events created after it).
    const webhookSecret = `whsec_${randomBytes(24).toString("hex")}`;
    emulator.webhooks.addEndpoint({
      url: `http://localhost:${o.controlPlanePort}${STRIPE_WEBHOOK_PATH}`,
      secret: webhookSecret,
      enabledEvents: [...STRIPE_WEBHOOK_EVENTS],
    });
    o.log(
      `Stripe emulator on ${emulator.url} (${emulator.restored ? "account kept from the last run" : "new account"}; ` +
        `catalog: ${report.created} created, ${report.updated} updated; ` +
        `webhooks to :${o.controlPlanePort}${STRIPE_WEBHOOK_PATH})`,
    );
    return {
      client,
      emulator,
      env: {
        STRIPE_API_URL: emulator.url,
        STRIPE_SECRET_KEY: STRIPE_EMULATOR_SECRET_KEY,
        STRIPE_WEBHOOK_SECRET: webhookSecret,
      },
      webhookSecret,
      stop: () => emulator.stop(),
    };
  } catch (err) {
    await emulator.stop();
    throw err;
  }
}
