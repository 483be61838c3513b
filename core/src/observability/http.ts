import { timingSafeEqual } from "node:crypto";
import { env } from "../env";
import { metrics } from "./metrics";

/**
 * `/metrics` is closed unless configured: `METRICS_TOKEN` set → a scraper must send it as a Bearer
 * token; else `METRICS_OPEN=1` → open (a private network, or `npm start` on loopback); else the
 * route does not exist (404), so a deployment that forgot to choose exposes nothing.
 */
export interface MetricsAccess {
  token?: string | undefined;
  open: boolean;
}

export const metricsAccessFromEnv = (): MetricsAccess => ({ token: env.METRICS_TOKEN, open: env.METRICS_OPEN });

export function guardMetrics(request: Request, access: MetricsAccess = metricsAccessFromEnv()): Response | null {
  const token = access.token;
  if (token) {
    const given = /^Bearer (.+)$/.exec(request.headers.get("authorization") ?? "")?.[1] ?? "";
    const a = Buffer.from(given);
    const b = Buffer.from(token);
    if (a.length === b.length && timingSafeEqual(a, b)) return null;
    return new Response("metrics need the bearer token (METRICS_TOKEN)\n", {
      status: 401,
      headers: { "www-authenticate": 'Bearer realm="metrics"', "cache-control": "no-store" },
    });
  }
  if (access.open) return null;
  return new Response("Not found\n", { status: 404, headers: { "cache-control": "no-store" } });
}

export async function metricsResponse(
  request: Request,
  access: MetricsAccess = metricsAccessFromEnv(),
): Promise<Response> {
  const refused = guardMetrics(request, access);
  if (refused) return refused;
  return new Response(await metrics.registry.metrics(), {
    status: 200,
    headers: { "content-type": metrics.registry.contentType, "cache-control": "no-store" },
  });
}
