import { env } from "../env";
import { startResendEmulator } from "./server";

// Stand-alone Resend emulator: `npm run resend -w @mw/emulators`, then point the SDK at the printed URL.
const emulator = await startResendEmulator({
  port: env.RESEND_EMULATOR_PORT,
  ...(env.RESEND_EMULATOR_API_KEY ? { apiKey: env.RESEND_EMULATOR_API_KEY } : {}),
});
console.log(`Resend emulator listening on ${emulator.url} (RESEND_BASE_URL=${emulator.url})`);

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
