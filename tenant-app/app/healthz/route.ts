import { livenessResponse } from "@mw/core/observability";

export const dynamic = "force-dynamic";

/** The process is up and serving (no dependency checked: a restart would not fix a database). */
export function GET() {
  return livenessResponse("tenant-app");
}
