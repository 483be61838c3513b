import { describe, expect, it } from "vitest";
import { isInternalHost } from "../internal-host";

describe("isInternalHost: the revalidation route answers only on internal names (issue 7.11)", () => {
  it("accepts loopback names, with or without a port", () => {
    for (const host of ["localhost", "localhost:3001", "127.0.0.1:3001", "[::1]:3001", "LOCALHOST:80"]) {
      expect(isInternalHost(host, []), host).toBe(true);
    }
  });

  it("accepts a configured internal name", () => {
    expect(isInternalHost("tenant-app.internal:3001", ["tenant-app.internal"])).toBe(true);
  });

  it("refuses tenant hosts and anything that is not a plain host[:port]", () => {
    for (const host of [
      "aurora-records.localhost:3001",
      "localhost.evil.example",
      "records.example.com",
      "localhost@evil.example",
      "evil.example/localhost",
      "localhost evil",
      "",
      null,
    ]) {
      expect(isInternalHost(host, ["tenant-app.internal"]), String(host)).toBe(false);
    }
  });
});
