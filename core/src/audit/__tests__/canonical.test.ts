import { describe, expect, it } from "vitest";
import { canonicalEvent, canonicalJson, chainHash, GENESIS_HASH, sanitizeSnapshot } from "../canonical";

describe("canonicalJson", () => {
  it("is independent of key order and drops undefined", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, "x"], c: null }, u: undefined })).toBe(
      '{"a":{"c":null,"d":[1,"x"]},"b":1}',
    );
    expect(canonicalJson({ a: { c: null, d: [1, "x"] }, b: 1 })).toBe(
      canonicalJson({ b: 1, a: { d: [1, "x"], c: null } }),
    );
  });

  it("round-trips through JSON the way jsonb does", () => {
    const v = { z: 0.1, y: 1e21, x: 'ü"\\', w: [true, false, null] };
    expect(canonicalJson(JSON.parse(JSON.stringify(v)))).toBe(canonicalJson(v));
  });
});

describe("chainHash", () => {
  it("depends on the previous hash and on every byte of the event", () => {
    const h1 = chainHash(GENESIS_HASH, "a");
    expect(h1).toHaveLength(32);
    expect(chainHash(h1, "b").equals(chainHash(GENESIS_HASH, "b"))).toBe(false);
    expect(chainHash(GENESIS_HASH, "a").equals(h1)).toBe(true);
    expect(chainHash(GENESIS_HASH, "A").equals(h1)).toBe(false);
  });
});

describe("sanitizeSnapshot", () => {
  it("keeps design tokens and other look-alikes, redacts real credentials", () => {
    expect(
      sanitizeSnapshot({ tokens: { radius: 8 }, accessToken: "x", client_secret: "y", "api-key": "z", tokenCount: 2 }),
    ).toEqual({
      tokens: { radius: 8 },
      accessToken: "[redacted]",
      client_secret: "[redacted]",
      "api-key": "[redacted]",
      tokenCount: 2,
    });
  });

  it("redacts secrets but keeps the key, and removes NUL characters", () => {
    expect(
      sanitizeSnapshot({
        name: "n\u0000x",
        passwordHash: "argon2...",
        apiKey: "sk_live",
        nested: { clientSecret: "s" },
        at: new Date(0),
      }),
    ).toEqual({
      name: "nx",
      passwordHash: "[redacted]",
      apiKey: "[redacted]",
      nested: { clientSecret: "[redacted]" },
      at: "1970-01-01T00:00:00.000Z",
    });
  });
});

describe("canonicalEvent", () => {
  it("is exactly canonicalJson of the versioned event", () => {
    const e = {
      id: "aud_1",
      tenantId: "ten_1",
      actorType: "user",
      actorId: "usr_1",
      action: "artist.update",
      targetType: "artist",
      targetId: "art_1",
      before: { b: 1, a: [null, "x"] },
      after: null,
      ip: null,
      userAgent: 'ua "quoted"',
      requestId: "req_1",
      occurredAt: "2026-11-27T04:00:00.000Z",
    };
    expect(canonicalEvent(e)).toBe(canonicalJson({ v: 1, ...e }));
    expect(canonicalEvent({ ...e, before: undefined })).toBe(canonicalJson({ v: 1, ...e, before: null }));
  });
});
