// Runs once when the server starts (before its first request is handled).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { refuseDevelopmentSecrets } = await import("./lib/production-start");
  refuseDevelopmentSecrets();
}
