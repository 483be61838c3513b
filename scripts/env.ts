import { z } from "zod";

// The start script's own settings; the apps and core validate theirs in their env.ts.
export const scriptEnv = z
  .object({
    CONTROL_PLANE_PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    TENANT_APP_PORT: z.coerce.number().int().min(1).max(65535).default(3001),
    /** The provisioning worker's /healthz, /readyz and /metrics. */
    WORKER_HTTP_PORT: z.coerce.number().int().min(1).max(65535).default(3002),
    SKIP_BUILD: z.enum(["0", "1"]).default("0"),
    /** Set to send real e-mail through Resend; unset starts the local Resend emulator. */
    RESEND_API_KEY: z.string().optional(),
    RESEND_EMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(4010),
    /** Set (with VERCEL_PROJECT_ID) to attach custom domains at Vercel; unset starts the local emulator. */
    VERCEL_TOKEN: z.string().optional(),
    VERCEL_PROJECT_ID: z.string().optional(),
    VERCEL_EMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(4020),
    /** Set to bill through Stripe (with STRIPE_WEBHOOK_SECRET); unset starts the local Stripe emulator. */
    STRIPE_SECRET_KEY: z.string().optional(),
    STRIPE_WEBHOOK_SECRET: z.string().optional(),
    STRIPE_EMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(4030),
  })
  .parse(process.env);
