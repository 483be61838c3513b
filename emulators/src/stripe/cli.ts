import { env } from "../env";
import { startStripeEmulator } from "./server";

// Stand-alone Stripe emulator: `npm run stripe -w @mw/emulators`, then point the SDK at the printed URL.
const emulator = await startStripeEmulator({
  port: env.STRIPE_EMULATOR_PORT,
  ...(env.STRIPE_EMULATOR_API_KEY ? { apiKey: env.STRIPE_EMULATOR_API_KEY } : {}),
  ...(env.STRIPE_EMULATOR_WEBHOOK_URL
    ? {
        webhookEndpoints: [
          {
            url: env.STRIPE_EMULATOR_WEBHOOK_URL,
            ...(env.STRIPE_EMULATOR_WEBHOOK_SECRET ? { secret: env.STRIPE_EMULATOR_WEBHOOK_SECRET } : {}),
          },
        ],
      }
    : {}),
});
const endpoint = emulator.webhooks.endpoints()[0];
console.log(
  `Stripe emulator listening on ${emulator.url} (STRIPE_API_URL=${emulator.url})` +
    (endpoint
      ? `; webhooks to ${endpoint.url}, secret ${env.STRIPE_EMULATOR_WEBHOOK_SECRET ? "as given" : endpoint.secret}`
      : ""),
);

let stopping = false;
const shutdown = () => {
  if (stopping) return;
  stopping = true;
  emulator.stop().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
