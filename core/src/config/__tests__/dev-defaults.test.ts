import { describe, expect, it } from "vitest";
import { assertProductionSecrets, type Env, env } from "../../env";
import { assertNoDevDefaults, DEV_DEFAULTS, DevDefaultInProductionError, devDefaultsInUse } from "../dev-defaults";

const STRONG = "Zx3c9V0q1Lm2Nb4Hg5Kf6Jd7Sa8Pq9Wr";

describe("development defaults refused in production (issue 7.11)", () => {
  it("names every setting that is unset, empty or set to the development value", () => {
    expect(
      devDefaultsInUse({
        REVALIDATE_SECRET: DEV_DEFAULTS.REVALIDATE_SECRET,
        DB_ROLE_PASSWORD: undefined,
      }),
    ).toEqual(["REVALIDATE_SECRET", "DB_ROLE_PASSWORD"]);
    expect(devDefaultsInUse({ DB_ROLE_PASSWORD: "" })).toEqual(["DB_ROLE_PASSWORD"]);
    expect(devDefaultsInUse({ REVALIDATE_SECRET: STRONG, DB_ROLE_PASSWORD: STRONG })).toEqual([]);
  });

  it("throws in production with a message naming the setting and what to set", () => {
    let caught: unknown;
    try {
      assertNoDevDefaults("production", {
        REVALIDATE_SECRET: DEV_DEFAULTS.REVALIDATE_SECRET,
        DB_ROLE_PASSWORD: STRONG,
      });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(DevDefaultInProductionError);
    const message = (caught as Error).message;
    expect(message).toMatch(/NODE_ENV=production/);
    expect(message).toMatch(/REVALIDATE_SECRET: set it to/);
    expect(message).not.toMatch(/DB_ROLE_PASSWORD/);
    // The refusal never repeats a secret's value.
    expect(message).not.toContain(DEV_DEFAULTS.REVALIDATE_SECRET);
  });

  it("lets development and test run on the defaults", () => {
    for (const nodeEnv of ["development", "test", undefined]) {
      expect(() =>
        assertNoDevDefaults(nodeEnv, { REVALIDATE_SECRET: undefined, DB_ROLE_PASSWORD: undefined }),
      ).not.toThrow();
    }
  });
});

describe("assertProductionSecrets: what each app checks", () => {
  const prod = (over: Partial<Env>): Env => ({ ...env, NODE_ENV: "production", ...over });

  it("refuses the defaults the apps fall back to", () => {
    expect(() =>
      assertProductionSecrets(
        "mw_runtime",
        prod({ REVALIDATE_SECRET: DEV_DEFAULTS.REVALIDATE_SECRET, DB_ROLE_PASSWORD: undefined }),
      ),
    ).toThrow(/REVALIDATE_SECRET, DB_ROLE_PASSWORD are unset or the development default/);
    expect(() =>
      assertProductionSecrets(
        "mw_control",
        prod({ REVALIDATE_SECRET: STRONG, DB_ROLE_PASSWORD: DEV_DEFAULTS.DB_ROLE_PASSWORD }),
      ),
    ).toThrow(/DB_ROLE_PASSWORD: set it to/);
  });

  it("takes the password from the role's own URL when one is set", () => {
    const url = (pw: string) => `postgres://mw_runtime:${encodeURIComponent(pw)}@db.internal:5432/mw`;
    const base = { REVALIDATE_SECRET: STRONG, DB_ROLE_PASSWORD: undefined };
    expect(() =>
      assertProductionSecrets("mw_runtime", prod({ ...base, RUNTIME_DATABASE_URL: url(STRONG) })),
    ).not.toThrow();
    expect(() =>
      assertProductionSecrets(
        "mw_runtime",
        prod({ ...base, RUNTIME_DATABASE_URL: url(DEV_DEFAULTS.DB_ROLE_PASSWORD) }),
      ),
    ).toThrow(/DB_ROLE_PASSWORD/);
    // The control plane's own URL does not vouch for the runtime's.
    expect(() => assertProductionSecrets("mw_runtime", prod({ ...base, CONTROL_DATABASE_URL: url(STRONG) }))).toThrow(
      /DB_ROLE_PASSWORD/,
    );
  });

  it("accepts configured secrets", () => {
    expect(() =>
      assertProductionSecrets("mw_control", prod({ REVALIDATE_SECRET: STRONG, DB_ROLE_PASSWORD: STRONG })),
    ).not.toThrow();
  });
});
