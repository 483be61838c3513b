import { z } from "zod";

/**
 * The one place `@mw/emulators` reads the environment, and only the CLIs import it: the
 * in-process API (`startResendEmulator`) takes everything as arguments, so tests never depend on it.
 */
const EnvSchema = z.object({
  /** Port of the stand-alone Resend emulator (`npm run resend -w @mw/emulators`); 0 picks a free one. */
  RESEND_EMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(4010),
  /** When set, the emulator accepts only this key (like a real account); otherwise any `re_…` key. */
  RESEND_EMULATOR_API_KEY: z
    .string()
    .regex(/^re_[A-Za-z0-9_-]+$/, { error: "must look like a Resend key (re_…)" })
    .optional(),
  /** Port of the stand-alone Vercel emulator (`npx tsx emulators/src/vercel/cli.ts`); 0 picks a free one. */
  VERCEL_EMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(4020),
  /** When set, the emulator accepts only this bearer token; otherwise any token. */
  VERCEL_EMULATOR_TOKEN: z.string().regex(/^\S+$/, { error: "must be a token without spaces" }).optional(),
  /** Id of the one project the emulator hosts (it also answers to the name `musicalwheel`). */
  VERCEL_EMULATOR_PROJECT_ID: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .optional(),
  /** Port of the stand-alone Stripe emulator (`npm run stripe -w @mw/emulators`); 0 picks a free one. */
  STRIPE_EMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(4030),
  /** When set, the emulator accepts only this secret key; otherwise any `sk_test_…` key. */
  STRIPE_EMULATOR_API_KEY: z
    .string()
    .regex(/^(sk|rk)_test_[A-Za-z0-9_]+$/, { error: "must look like a Stripe test key (sk_test_…)" })
    .optional(),
  /** A webhook endpoint to register at start, and its signing secret (generated when unset). */
  STRIPE_EMULATOR_WEBHOOK_URL: z.url().optional(),
  STRIPE_EMULATOR_WEBHOOK_SECRET: z.string().startsWith("whsec_").optional(),
});

export type EmulatorEnv = z.infer<typeof EnvSchema>;

function loadEnv(): EmulatorEnv {
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${lines}`);
  }
  return parsed.data;
}

export const env: EmulatorEnv = loadEnv();
