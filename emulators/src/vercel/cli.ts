import { env } from "../env";
import { startVercelEmulator } from "./server";

// Stand-alone Vercel emulator: `npx tsx emulators/src/vercel/cli.ts`, then give the SDK the printed URL as `serverURL`.
const emulator = await startVercelEmulator({
  port: env.VERCEL_EMULATOR_PORT,
  ...(env.VERCEL_EMULATOR_TOKEN ? { token: env.VERCEL_EMULATOR_TOKEN } : {}),
  ...(env.VERCEL_EMULATOR_PROJECT_ID ? { projectId: env.VERCEL_EMULATOR_PROJECT_ID } : {}),
});
console.log(
  `Vercel emulator listening on ${emulator.url} (serverURL=${emulator.url}, project ${emulator.projectId} / ${emulator.projectName})`,
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
