import { type Check, databaseCheck, readinessResponse, vendorCheck, workerCheck } from "@mw/core/observability";
import { controlDb } from "../../lib/db";
import { controlEnv } from "../../lib/env";

export const dynamic = "force-dynamic";

/**
 * Whether this instance should get traffic: the database (critical); the provisioning worker, mail
 * and domain hosting (not: the consoles still work, and runs wait for the worker).
 */
export function GET(request: Request) {
  const sql = controlDb().sql;
  const checks = [
    databaseCheck(sql),
    workerCheck(sql),
    vendorCheck("mail", controlEnv.RESEND_BASE_URL ?? "https://api.resend.com"),
    vendorCheck("domains", controlEnv.VERCEL_API_URL ?? "https://api.vercel.com"),
  ].filter((c): c is Check => c !== null);
  return readinessResponse(checks, request);
}
