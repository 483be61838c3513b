import { z } from "zod";

/**
 * The one place `@mw/provisioning` reads the environment (database settings, DATA_DIR and
 * PLATFORM_DOMAIN live in @mw/core/env).
 */
const EnvSchema = z.object({
  /** Jobs one worker process runs at once. Steps mostly wait on Postgres and vendors. */
  PROVISIONING_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(8),
  /** Attempts per step before the run is parked for staff (graphile-worker backs off exponentially). */
  PROVISIONING_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(25).default(6),
  /** Days an offboarded tenant's rows are kept (soft-deleted) before the daily purge removes them. */
  TENANT_RETENTION_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
  /** Domain of the no-reply address tenant e-mails are sent from (same default as the apps). */
  MAIL_FROM_DOMAIN: z.string().default("mail.musicalwheel.localhost"),
  /** Public port of the tenant runtime, for links to `*.localhost` hosts in development (as the control plane). */
  TENANT_APP_PUBLIC_PORT: z.coerce.number().int().min(1).max(65535).default(3001),
});

export type ProvisioningEnv = z.infer<typeof EnvSchema>;

function load(): ProvisioningEnv {
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${lines}`);
  }
  return parsed.data;
}

export const provisioningEnv: ProvisioningEnv = load();

export const fromAddress = (): string => `no-reply@${provisioningEnv.MAIL_FROM_DOMAIN}`;

/**
 * Absolute origin of a tenant host, as the control plane builds it: hosts under `localhost` are the
 * development setup (plain HTTP on the runtime's public port), anything else is served over TLS.
 */
export function tenantOrigin(hostname: string): string {
  const local = hostname === "localhost" || hostname.endsWith(".localhost");
  return local ? `http://${hostname}:${provisioningEnv.TENANT_APP_PUBLIC_PORT}` : `https://${hostname}`;
}
