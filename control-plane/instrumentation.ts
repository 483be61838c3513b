// Runs once when the server starts (before its first request is handled): refuse development
// secrets in production, record connections' peers, then request logs and metrics.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { refuseDevelopmentSecrets } = await import("./lib/production-start");
  refuseDevelopmentSecrets();
  // Record each connection's peer address, which Next does not expose (ADR 0011).
  const { installPeerStamp } = await import("@mw/core/http");
  installPeerStamp();
  const { registerRequestTelemetry } = await import("@mw/core/observability/telemetry");
  registerRequestTelemetry("control-plane");
}
