import "server-only";
import { z } from "zod";

/** The control plane's own settings (database settings live in @mw/core/env). */
export const controlEnv = z
  .object({
    /** Where the control plane reaches the tenant runtime for revalidation. */
    TENANT_APP_INTERNAL_URL: z.url().default("http://localhost:3001"),
    /** Public port of the tenant runtime, for links to tenant hosts in development. */
    TENANT_APP_PUBLIC_PORT: z.string().default("3001"),
    RESEND_API_KEY: z.string().default("re_local_emulator_key"),
    RESEND_BASE_URL: z.url().optional(),
    /** Custom domains are attached at Vercel; an unset token with a VERCEL_API_URL means the local emulator. */
    VERCEL_TOKEN: z.string().min(1).optional(),
    VERCEL_PROJECT_ID: z.string().min(1).optional(),
    VERCEL_TEAM_ID: z.string().min(1).optional(),
    VERCEL_API_URL: z.url().optional(),
    /**
     * DNS-over-HTTPS (JSON) resolver for the tenants' domain-ownership TXT records. Unset: Cloudflare's
     * public resolver, or the emulator's `/dns-query` when Vercel is emulated.
     */
    DNS_RESOLVER_URL: z.url().optional(),
  })
  .parse(process.env);
