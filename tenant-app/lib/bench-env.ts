import "server-only";
import { z } from "zod";

/**
 * `BENCH_BASELINE=1` (set only by `npm run bench -- http`): the proxy lets `/baseline/*` through to
 * the plain Next pages the HTTP benchmark compares tenant pages against. Unset, those paths are
 * treated like any other path of a tenant host (404). The only place this variable is read.
 */
export const benchBaselineEnabled: boolean =
  z.object({ BENCH_BASELINE: z.enum(["0", "1"]).optional() }).parse(process.env).BENCH_BASELINE === "1";
