import { timingSafeEqual } from "node:crypto";
import { metrics } from "./metrics";

/**
 * `/metrics` is closed unless configured: `METRICS_TOKEN` set → a scraper must send it as a Bearer
 * token; else `METRICS_OPEN=1` → open (a private network, or `npm start` on loopback); else the
 * route does not exist (404), so a deployment that forgot to choose exposes nothing.
 */
export function guardMetrics(request: Request, env: NodeJS.ProcessEnv = process.env): Response | null {
  const token = env.METRICS_TOKEN;
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
  if (env.METRICS_OPEN === "1") return null;
  return new Response("Not found\n", { status: 404, headers: { "cache-control": "no-store" } });
}

export async function metricsResponse(request: Request, env: NodeJS.ProcessEnv = process.env): Promise<Response> {
  const refused = guardMetrics(request, env);
  if (refused) return refused;
  return new Response(await metrics.registry.metrics(), {
    status: 200,
    headers: { "content-type": metrics.registry.contentType, "cache-control": "no-store" },
  });
}
