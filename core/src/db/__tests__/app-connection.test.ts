import { describe, expect, it } from "vitest";
import { env } from "../../env";
import { appConnection } from "../app-db";

const base = {
  ...env,
  DATABASE_URL: undefined,
  CONTROL_DATABASE_URL: undefined,
  RUNTIME_DATABASE_URL: undefined,
  CONTROL_DIRECT_DATABASE_URL: undefined,
  RUNTIME_DIRECT_DATABASE_URL: undefined,
  DB_PREPARED_STATEMENTS: true,
};

describe("appConnection", () => {
  it("derives each role's pool and listener from DATABASE_URL when nothing else is set", () => {
    const c = appConnection(
      "mw_runtime",
      { ...base, DATABASE_URL: "postgres://owner:pw@db.internal:5432/mw" },
      "rolepw",
    );
    expect(c).toEqual({
      url: "postgres://mw_runtime:rolepw@db.internal:5432/mw",
      listenUrl: "postgres://mw_runtime:rolepw@db.internal:5432/mw",
      prepare: true,
    });
  });

  it("behind a transaction pooler: the pool goes through it, LISTEN goes direct, statements unnamed", () => {
    const e = {
      ...base,
      CONTROL_DATABASE_URL: "postgres://mw_control:x@pooler:6432/mw",
      CONTROL_DIRECT_DATABASE_URL: "postgres://mw_control:x@db:5432/mw",
      RUNTIME_DATABASE_URL: "postgres://mw_runtime:y@pooler:6432/mw",
      RUNTIME_DIRECT_DATABASE_URL: "postgres://mw_runtime:y@db:5432/mw",
      DB_PREPARED_STATEMENTS: false,
    };
    expect(appConnection("mw_control", e, "unused")).toEqual({
      url: "postgres://mw_control:x@pooler:6432/mw",
      listenUrl: "postgres://mw_control:x@db:5432/mw",
      prepare: false,
    });
    expect(appConnection("mw_runtime", e, "unused")).toEqual({
      url: "postgres://mw_runtime:y@pooler:6432/mw",
      listenUrl: "postgres://mw_runtime:y@db:5432/mw",
      prepare: false,
    });
  });

  it("listens where the pool connects when no direct URL is given, and is null without any database", () => {
    const c = appConnection("mw_runtime", { ...base, RUNTIME_DATABASE_URL: "postgres://r:p@db:5432/mw" }, "pw");
    expect(c?.listenUrl).toBe("postgres://r:p@db:5432/mw");
    expect(appConnection("mw_control", base, "pw")).toBeNull();
  });
});
