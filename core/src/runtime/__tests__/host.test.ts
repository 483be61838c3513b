import { describe, expect, it } from "vitest";
import { normalizeHost } from "../host";

describe("normalizeHost", () => {
  it.each([
    ["Acme.LocalHost:3001", "acme.localhost"],
    ["acme.localhost.", "acme.localhost"],
    ["acme.localhost.:443", "acme.localhost"],
    ["  music.example.com ", "music.example.com"],
    ["bücher.example", "xn--bcher-kva.example"],
    ["XN--BCHER-KVA.example", "xn--bcher-kva.example"],
  ])("%s → %s", (raw, expected) => {
    expect(normalizeHost(raw)).toBe(expected);
  });

  it.each([
    "",
    "127.0.0.1",
    "127.0.0.1:3001",
    "[::1]:3001",
    "acme.localhost:abc",
    "acme..localhost",
    "-acme.localhost",
    "acme_.localhost",
    "a b.localhost",
    "evil.com/path",
    "evil.com@acme.localhost",
    `${"a".repeat(64)}.example.com`,
  ])("rejects %j", (raw) => {
    expect(normalizeHost(raw)).toBeNull();
  });
});
