import { assertProductionSecrets } from "@mw/core/env";

/**
 * A production server on a public development secret stops here, with the message naming the
 * setting (issue 7.11). Also where next.config.ts is not read (standalone output, Vercel).
 */
export function refuseDevelopmentSecrets(): void {
  try {
    assertProductionSecrets("mw_runtime");
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
}
