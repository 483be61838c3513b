import { THEME_PRESETS } from "@mw/themes";
import { describe, expect, it } from "vitest";
import { senderAddress } from "../index";

describe("senderAddress", () => {
  const withSender = (senderName: string, name = "Nordlicht") => ({
    name,
    email: { senderName, footerText: "" },
  });

  it("puts the tenant's sender name before the platform's address", () => {
    expect(senderAddress(THEME_PRESETS.aurora, "no-reply@mail.example.test")).toBe(
      "Aurora <no-reply@mail.example.test>",
    );
  });

  it("quotes names with RFC 5322 specials", () => {
    expect(senderAddress(withSender("Nordlicht Records, Inc."), "no-reply@mail.example.test")).toBe(
      '"Nordlicht Records, Inc." <no-reply@mail.example.test>',
    );
  });

  it("strips what could break out of the header", () => {
    const from = senderAddress(withSender('Evil\r\nBcc: victim@example.com "<x>" \\'), "no-reply@mail.example.test");
    expect(from).not.toMatch(/[\r\n]/);
    expect(from).toBe('"Evil Bcc: victim@example.com x" <no-reply@mail.example.test>');
  });

  it("falls back to the theme name, then to the bare address", () => {
    expect(senderAddress(withSender("<>", "Nordlicht"), "no-reply@mail.example.test")).toBe(
      "Nordlicht <no-reply@mail.example.test>",
    );
    expect(senderAddress(withSender("<>", '""'), "no-reply@mail.example.test")).toBe("no-reply@mail.example.test");
  });

  it("caps the name at 64 characters", () => {
    const from = senderAddress(withSender("x".repeat(100)), "a@b.example");
    expect(from).toBe(`${"x".repeat(64)} <a@b.example>`);
  });

  it("refuses a from address that is not a bare address", () => {
    for (const bad of ["Platform <no-reply@x.test>", "no-reply", "no-reply@x.test\r\nBcc: y@z.test"]) {
      expect(() => senderAddress(THEME_PRESETS.aurora, bad), bad).toThrow(TypeError);
    }
  });
});
