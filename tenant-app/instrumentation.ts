// Runs once when the server starts: refuse development secrets in production, then subscribe to
// tenant changes so cached pages follow them.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { refuseDevelopmentSecrets } = await import("./lib/production-start");
  refuseDevelopmentSecrets();
  const { startRevalidationListener } = await import("./lib/revalidation-listener");
  await startRevalidationListener().catch((err) => console.error("[runtime] cannot listen for tenant changes", err));
}
