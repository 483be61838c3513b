/**
 * Development defaults for secrets. They let `next dev` and the tests run with nothing configured;
 * they are public (they are in this repository), so a production process that still uses one
 * refuses to start (issue 7.11, ADR 0011). Pure: callers hand in the values they resolved.
 */
export const DEV_DEFAULTS = {
  /** Signs the control plane's calls to the runtime's /api/internal/revalidate. */
  REVALIDATE_SECRET: "mw-local-dev-revalidate-secret",
  /** Password of the app login roles (`mw_control`, `mw_runtime`), set by the migrations. */
  DB_ROLE_PASSWORD: "mw-local-dev-password",
} as const;

export type DevDefaultSetting = keyof typeof DEV_DEFAULTS;

/** How to make a good value, said in the refusal. */
const HOW: Record<DevDefaultSetting, string> = {
  REVALIDATE_SECRET: "the same random secret in both apps, e.g. `openssl rand -base64 32`",
  DB_ROLE_PASSWORD: "a random password, e.g. `openssl rand -base64 24`, the same for migrations and apps",
};

/**
 * The settings whose value is a development default. A value set explicitly to the default counts
 * too: copying the development value into a production configuration is the same hole.
 */
export function devDefaultsInUse(values: Partial<Record<DevDefaultSetting, string | undefined>>): DevDefaultSetting[] {
  return (Object.keys(values) as DevDefaultSetting[]).filter((k) => {
    const v = values[k];
    return v === undefined || v === "" || v === DEV_DEFAULTS[k];
  });
}

export class DevDefaultInProductionError extends Error {
  constructor(readonly settings: DevDefaultSetting[]) {
    super(
      `Refusing to start with NODE_ENV=production: ${settings.join(", ")} ${settings.length > 1 ? "are" : "is"} ` +
        "unset or the development default, which is public.\n" +
        settings.map((s) => `  ${s}: set it to ${HOW[s]}`).join("\n"),
    );
    this.name = "DevDefaultInProductionError";
  }
}

/**
 * Throws when `nodeEnv` is production and any of `values` is unset or a development default.
 * `values` are the raw settings (before defaults are applied), one entry per secret the process uses.
 */
export function assertNoDevDefaults(
  nodeEnv: string | undefined,
  values: Partial<Record<DevDefaultSetting, string | undefined>>,
): void {
  if (nodeEnv !== "production") return;
  const found = devDefaultsInUse(values);
  if (found.length) throw new DevDefaultInProductionError(found);
}
