import "server-only";
import { z } from "zod";

/** The tenant runtime's own settings (database settings live in @mw/core/env). */
export const runtimeEnv = z
  .object({
    AUTH_PROVIDER: z.enum(["local", "clerk"]).optional(),
    CLERK_SECRET_KEY: z.string().optional(),
    CLERK_PUBLISHABLE_KEY: z.string().optional(),
    /** PEM public key Clerk signs session tokens with (networkless verification). */
    CLERK_JWT_KEY: z.string().optional(),
    /** Clerk's hosted sign-in page (its browser components cannot load offline). */
    CLERK_SIGN_IN_URL: z.url().optional(),
    RESEND_API_KEY: z.string().default("re_local_emulator_key"),
    RESEND_BASE_URL: z.url().optional(),
    /** Where this process reaches itself for signed revalidation (its own port). */
    RUNTIME_INTERNAL_URL: z.url().default(`http://127.0.0.1:${process.env.PORT ?? 3001}`),
    /**
     * Host names (comma-separated) the internal routes answer on besides loopback and
     * RUNTIME_INTERNAL_URL's: the host of the control plane's TENANT_APP_INTERNAL_URL when that is
     * not loopback. Never a tenant's public host.
     */
    INTERNAL_HOSTS: z
      .string()
      .default("")
      .transform((v) =>
        v
          .split(",")
          .map((h) => h.trim().toLowerCase())
          .filter(Boolean),
      ),
    /** Domain of the no-reply address tenant e-mails are sent from. */
    MAIL_FROM_DOMAIN: z.string().default("mail.musicalwheel.localhost"),
    /** Public port of this runtime, for links to `*.localhost` hosts in development (as the control plane). */
    TENANT_APP_PUBLIC_PORT: z.coerce.number().int().min(1).max(65535).default(3001),
  })
  .parse(process.env);

/** Local sign-in unless Clerk keys are configured (Clerk's browser UI cannot load offline). */
export const authProvider: "local" | "clerk" =
  runtimeEnv.AUTH_PROVIDER ?? (runtimeEnv.CLERK_SECRET_KEY && runtimeEnv.CLERK_JWT_KEY ? "clerk" : "local");
