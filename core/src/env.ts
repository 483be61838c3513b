import { z } from "zod";
import { assertNoDevDefaults, DEV_DEFAULTS } from "./config/dev-defaults";
import { parseTrustedProxies } from "./http/addresses";

/**
 * The one place `@mw/core` reads the environment. Validated once; everything else imports `env`.
 */
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  /** Owner connection (runs migrations). Unset: embedded Postgres under `.data/`. */
  DATABASE_URL: z.url().optional(),
  /** Password given to the app login roles (`mw_control`, `mw_runtime`) by `db:migrate`. */
  DB_ROLE_PASSWORD: z.string().min(8).optional(),
  /** Shared by both apps: signs the control plane's calls to the runtime's /api/internal/revalidate. */
  REVALIDATE_SECRET: z.string().min(16).default(DEV_DEFAULTS.REVALIDATE_SECRET),
  /** Overrides for the app roles' connections (default: DATABASE_URL with the role's name). */
  CONTROL_DATABASE_URL: z.url().optional(),
  RUNTIME_DATABASE_URL: z.url().optional(),
  /**
   * Direct (not pooled) connections for LISTEN, when the URLs above go through a transaction
   * pooler (required then: LISTEN through one never hears anything). Default: the role's URL above.
   */
  CONTROL_DIRECT_DATABASE_URL: z.url().optional(),
  RUNTIME_DIRECT_DATABASE_URL: z.url().optional(),
  /**
   * Named prepared statements on the app roles' pools. Turn off behind a transaction pooler that
   * cannot keep them: PgBouncer before 1.21, or 1.21+ without `max_prepared_statements`.
   */
  DB_PREPARED_STATEMENTS: z.stringbool().default(true),
  /** Where embedded Postgres keeps its data. */
  DATA_DIR: z.string().default(".data"),
  /**
   * Port for embedded Postgres. Unset: the port the data directory used last time, else 54329 (the
   * next free one when taken, then kept).
   */
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).optional(),
  /** Pool size per role connection. */
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /** Apex domain under which every tenant gets `<slug>.<PLATFORM_DOMAIN>`. */
  PLATFORM_DOMAIN: z.string().default("localhost"),
  /**
   * Public origin of the control plane (staff and admin consoles), for links that lead a tenant's
   * admins there from their site and their e-mails. Unset: `npm start`'s default port.
   */
  CONTROL_PLANE_URL: z
    .url()
    .default("http://localhost:3000")
    .transform((v) => v.replace(/\/+$/, "")),
  /**
   * Sign-in throttle store shared by every app instance. Unset: the platform's Postgres
   * (`auth_rate_limits`), which needs nothing more; Redis takes that load off Postgres at scale.
   */
  REDIS_URL: z.url().optional(),
  /** Days a custom domain may stay claimed without its owner proving DNS control (then it is released). */
  DOMAIN_CLAIM_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  /**
   * Stripe (ADR 0016). A real secret key talks to Stripe; unset, `npm start` runs the local Stripe
   * emulator and sets STRIPE_API_URL (and an emulator key) for the apps and the worker.
   */
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_[A-Za-z0-9_]+$/, { error: "must be a Stripe secret or restricted key (sk_…/rk_…)" })
    .optional(),
  /** The Stripe emulator's URL (http://127.0.0.1:4030 under `npm start`); unset with a real key. */
  STRIPE_API_URL: z.url().optional(),
  /** Signing secret of the webhook endpoint at the control plane's /api/webhooks/stripe (whsec_…). */
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_[A-Za-z0-9_+/=-]+$/, { error: "must be a webhook signing secret (whsec_…)" })
    .optional(),
  /** Logs (ADR 0013): level, and `json` or `pretty` (unset: pretty only when stdout is a terminal). */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  LOG_FORMAT: z.enum(["json", "pretty"]).optional(),
  /** `/metrics` wants this as a Bearer token; unset, `METRICS_OPEN=1` opens it, else it is 404. */
  METRICS_TOKEN: z.string().min(16).optional(),
  METRICS_OPEN: z.stringbool().default(false),
  /** Log every span Next opens (diagnosing the request telemetry). */
  MW_TRACE_DEBUG: z.stringbool().default(false),
  /**
   * Proxies whose `X-Forwarded-*` headers the apps believe (host, protocol, port, client address):
   * addresses, CIDR ranges and `loopback`, `private`, `linklocal`, comma-separated. Unset: nobody —
   * the apps take the `Host` header and the connection's own address, which is right when browsers
   * reach them directly (`npm start`, the e2e runs). Set it to the load balancer's addresses when
   * there is one. See ADR 0011.
   */
  TRUSTED_PROXIES: z
    .string()
    .default("")
    .superRefine((spec, ctx) => {
      try {
        parseTrustedProxies(spec);
      } catch (err) {
        ctx.addIssue({ code: "custom", message: (err as Error).message });
      }
    }),
});

export type Env = z.infer<typeof EnvSchema>;

function loadEnv(): Env {
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${lines}`);
  }
  const dbHost = parsed.data.DATABASE_URL ? new URL(parsed.data.DATABASE_URL).hostname : "127.0.0.1";
  const loopback = ["127.0.0.1", "localhost", "::1", "[::1]"].includes(dbHost);
  if (!loopback && !parsed.data.DB_ROLE_PASSWORD) {
    // The development password is fine on a loopback database, never on a reachable one.
    throw new Error("Invalid environment:\n  DB_ROLE_PASSWORD: required when DATABASE_URL is not on this machine");
  }
  return parsed.data;
}

export const env: Env = loadEnv();

/** Development default for the app roles' password; production must set DB_ROLE_PASSWORD. */
export const rolePassword = (): string => env.DB_ROLE_PASSWORD ?? DEV_DEFAULTS.DB_ROLE_PASSWORD;

/**
 * Refuses a production process that would run on a public development default (issue 7.11): the
 * apps call it when they start (next.config.ts under `next start`, instrumentation.ts everywhere).
 * `role` is the app role the process connects as: its own URL's password counts when set, since
 * then DB_ROLE_PASSWORD is not what it uses.
 */
export function assertProductionSecrets(role: "mw_control" | "mw_runtime", e: Env = env): void {
  const roleUrl = role === "mw_control" ? e.CONTROL_DATABASE_URL : e.RUNTIME_DATABASE_URL;
  const urlPassword = roleUrl ? decodeURIComponent(new URL(roleUrl).password) : "";
  assertNoDevDefaults(e.NODE_ENV, {
    REVALIDATE_SECRET: e.REVALIDATE_SECRET,
    DB_ROLE_PASSWORD: urlPassword || e.DB_ROLE_PASSWORD,
  });
}
