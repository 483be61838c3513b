// npm run billing:sync — creates or updates the Stripe products, prices (by lookup key) and usage
// meters of the plan catalog. Idempotent: a second run changes nothing. Against Stripe with
// STRIPE_SECRET_KEY, or against a running emulator with STRIPE_API_URL (npm start does this itself).
import { createStripeClient, stripeOptionsFromEnv } from "@mw/core/adapters/stripe";
import { syncCatalog } from "@mw/core/billing/catalog-sync";
import { env } from "@mw/core/env";

const options = stripeOptionsFromEnv(env);
if (!options) {
  console.error(
    "billing:sync: set STRIPE_SECRET_KEY (Stripe), or STRIPE_API_URL for a running Stripe emulator " +
      "(npm run stripe -w @mw/emulators prints it)",
  );
  process.exit(1);
}
const target = options.apiUrl ? `the Stripe emulator at ${options.apiUrl}` : "Stripe";
try {
  const report = await syncCatalog(createStripeClient(options), { log: (l) => console.log(`  ${l}`) });
  const line = (name: string, c: typeof report.prices) =>
    `${name}: ${c.created} created, ${c.updated} updated, ${c.archived ? `${c.archived} archived, ` : ""}${c.unchanged} unchanged`;
  console.log(`catalog synced to ${target}`);
  console.log(`  ${line("products", report.products)}`);
  console.log(`  ${line("prices", report.prices)}`);
  console.log(`  ${line("meters", report.meters)}`);
  console.log(`  ${line("customer portal", report.portal)}`);
  console.log(`  total: ${report.created} created, ${report.updated} updated`);
} catch (err) {
  // The SDK's message names the problem (bad key, unreachable host) without the key itself.
  console.error(`billing:sync failed against ${target}: ${(err as Error).message}`);
  process.exit(1);
}
