import { type Check, databaseCheck, readinessResponse, vendorCheck, workerCheck } from "@mw/core/observability";
import { runtimeEnv } from "../../lib/env";
import { runtimeDb } from "../../lib/runtime";

export const dynamic = "force-dynamic";

/** Whether this instance should get traffic: the database (critical), the worker and mail (not). */
export function GET(request: Request) {
  const sql = runtimeDb().sql;
  const checks: Check[] = [databaseCheck(sql), workerCheck(sql)];
  const mail = vendorCheck("mail", runtimeEnv.RESEND_BASE_URL ?? "https://api.resend.com");
  if (mail) checks.push(mail);
  return readinessResponse(checks, request);
}
