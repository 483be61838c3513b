// Runs once when the server starts, before it answers any request: refuse development secrets in
// production, record connections' peers, request logs and metrics, then subscribe to tenant changes
// so cached pages follow them.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { refuseDevelopmentSecrets } = await import("./lib/production-start");
  refuseDevelopmentSecrets();
  // Record each connection's peer (Next does not expose it) and add X-Forwarded-Host to Vary, since
  // every response here depends on the host that selected the tenant (ADR 0011).
  const { installPeerStamp } = await import("@mw/core/http");
  installPeerStamp({ vary: ["X-Forwarded-Host"] });
  const { registerRequestTelemetry } = await import("@mw/core/observability/telemetry");
  registerRequestTelemetry("tenant-app");
  const { log } = await import("@mw/core/observability");
  const { startRevalidationListener } = await import("./lib/revalidation-listener");
  await startRevalidationListener().catch((err) => log.error({ err }, "cannot listen for tenant changes"));
}
