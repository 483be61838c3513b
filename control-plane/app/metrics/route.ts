import { metricsResponse } from "@mw/core/observability";
import { registerControlPlaneGauges } from "../../lib/metrics-sources";

export const dynamic = "force-dynamic";

/** Prometheus scrape; closed unless METRICS_TOKEN or METRICS_OPEN=1 (see guardMetrics). */
export function GET(request: Request) {
  registerControlPlaneGauges();
  return metricsResponse(request);
}
