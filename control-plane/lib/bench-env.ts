import "server-only";
import { z } from "zod";

/**
 * `BENCH_BASELINE=1` (set only by `npm run bench -- billing`): /baseline/webhook answers as a bare
 * Next route handler, the figure the webhook intake is compared with. Unset, it is a 404. The only
 * place the control plane reads this variable.
 */
export const benchBaselineEnabled: boolean =
  z.object({ BENCH_BASELINE: z.enum(["0", "1"]).optional() }).parse(process.env).BENCH_BASELINE === "1";
