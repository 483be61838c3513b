import { describe, expect, it } from "vitest";
import { DATABASE_RETRY_AFTER_SECONDS, databaseUnavailableResponse, isDatabaseUnreachable } from "../availability";
import { reconnectDelaySeconds } from "../client";

const coded = (code: string, cause?: unknown) => Object.assign(new Error(code), { code, cause });

describe("isDatabaseUnreachable", () => {
  it("recognises a database that is away: sockets, postgres.js, shutdown and start-up, poolers", () => {
    for (const code of [
      "ECONNREFUSED",
      "ECONNRESET",
      "CONNECT_TIMEOUT",
      "CONNECTION_CLOSED",
      "57P01",
      "57P03",
      "08006",
      "08P01",
      "53300",
    ]) {
      expect(isDatabaseUnreachable(coded(code)), code).toBe(true);
    }
    // Wrapped by drizzle (cause) and by Node's happy eyeballs (AggregateError per address).
    expect(isDatabaseUnreachable(new Error("Failed query", { cause: coded("ECONNREFUSED") }))).toBe(true);
    const aggregate = Object.assign(new AggregateError([coded("ECONNREFUSED"), coded("ECONNREFUSED")]), {});
    expect(isDatabaseUnreachable(new Error("Failed query", { cause: aggregate }))).toBe(true);
  });

  it("does not take a wrong statement, a refusal or a timeout of one statement for an outage", () => {
    for (const code of ["23505", "42P01", "42501", "40001", "57014", "P0001"]) {
      expect(isDatabaseUnreachable(coded(code)), code).toBe(false);
    }
    expect(isDatabaseUnreachable(new Error("boom"))).toBe(false);
    expect(isDatabaseUnreachable(null)).toBe(false);
    const loop: { code?: string; cause?: unknown } = {};
    loop.cause = loop;
    expect(isDatabaseUnreachable(loop)).toBe(false);
  });
});

describe("databaseUnavailableResponse", () => {
  it("is a 503 with Retry-After, never cached, and says what happened", async () => {
    const res = databaseUnavailableResponse();
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe(String(DATABASE_RETRY_AFTER_SECONDS));
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.text()).toContain("Temporarily unavailable");
  });
});

describe("reconnectDelaySeconds", () => {
  it("never waits more than a second between attempts, however long the outage", () => {
    for (let attempt = 0; attempt < 200; attempt++) {
      const d = reconnectDelaySeconds(attempt);
      expect(d).toBeGreaterThan(0);
      expect(d).toBeLessThanOrEqual(1);
    }
    expect(reconnectDelaySeconds(0)).toBeLessThanOrEqual(0.1);
  });
});
