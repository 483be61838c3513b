import { describe, expect, it } from "vitest";
import { EMULATOR_RESEND_KEY, localMailboxUrl } from "../mailbox";

describe("localMailboxUrl", () => {
  it("is the emulator's origin while mail goes to the local emulator", () => {
    expect(localMailboxUrl({ RESEND_BASE_URL: "http://127.0.0.1:4010", RESEND_API_KEY: EMULATOR_RESEND_KEY })).toBe(
      "http://127.0.0.1:4010",
    );
    expect(localMailboxUrl({ RESEND_BASE_URL: "http://localhost:4010/", RESEND_API_KEY: EMULATOR_RESEND_KEY })).toBe(
      "http://localhost:4010",
    );
  });

  it("does not exist with a real provider", () => {
    // No base URL: the SDK talks to Resend itself.
    expect(localMailboxUrl({ RESEND_API_KEY: EMULATOR_RESEND_KEY })).toBeNull();
    // A real key, even with a loopback base URL (a local relay in front of Resend).
    expect(localMailboxUrl({ RESEND_BASE_URL: "http://127.0.0.1:4010", RESEND_API_KEY: "re_live_123" })).toBeNull();
    // A base URL that is not on this machine.
    for (const base of ["https://api.resend.com", "http://10.0.0.5:4010", "http://127.0.0.1.evil.example"]) {
      expect(localMailboxUrl({ RESEND_BASE_URL: base, RESEND_API_KEY: EMULATOR_RESEND_KEY }), base).toBeNull();
    }
  });
});
