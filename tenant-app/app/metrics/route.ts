import { metricsResponse } from "@mw/core/observability";

export const dynamic = "force-dynamic";

/** Prometheus scrape; closed unless METRICS_TOKEN or METRICS_OPEN=1 (see guardMetrics). */
export function GET(request: Request) {
  return metricsResponse(request);
}
