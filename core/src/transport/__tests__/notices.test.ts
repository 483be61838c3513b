import { describe, expect, it } from "vitest";
import { noticeFor } from "../notices";

const TABLE = { session_ended: "Your session has ended. Please sign in again." } as const;

describe("noticeFor", () => {
  it("shows the table's text for a known code", () => {
    expect(noticeFor("session_ended", TABLE)).toBe("Your session has ended. Please sign in again.");
  });

  it.each([
    ["markup", "<script>alert(1)</script>"],
    ["arbitrary text", "Your account is locked. Call +1 555 0100 to unlock it."],
    ["an inherited property name", "constructor"],
    ["__proto__", "__proto__"],
    ["empty", ""],
  ])("shows nothing for %s", (_name, code) => {
    expect(noticeFor(code, TABLE)).toBeNull();
  });

  it("shows nothing for a repeated or missing parameter", () => {
    expect(noticeFor(["session_ended", "session_ended"], TABLE)).toBeNull();
    expect(noticeFor(undefined, TABLE)).toBeNull();
  });
});
