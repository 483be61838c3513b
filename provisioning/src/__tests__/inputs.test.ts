import { THEME_PRESETS } from "@mw/themes";
import { describe, expect, it } from "vitest";
import { brandedPreset } from "../steps/initial-theme";
import { OnboardInput } from "../workflows/inputs";

describe("OnboardInput", () => {
  it("normalizes what staff type", () => {
    const parsed = OnboardInput.parse({
      name: "  Aurora Records ",
      slug: " Aurora-Records ",
      plan: "business",
      ownerEmail: " Owner@Example.COM ",
      customDomains: ["Music.Example.com."],
    });
    expect(parsed).toEqual({
      name: "Aurora Records",
      slug: "aurora-records",
      plan: "business",
      ownerEmail: "owner@example.com",
      customDomains: ["music.example.com"],
      themePreset: "aurora",
    });
  });

  it("refuses duplicates, platform hosts, unknown keys and more domains than the plan includes", () => {
    const base = { name: "A", slug: "abc", ownerEmail: "a@b.co", plan: "business" as const };
    const issues = (input: object) =>
      OnboardInput.safeParse(input).error?.issues.map((i) => [i.path.join("."), i.message]);
    expect(issues({ ...base, customDomains: ["a.example.com", "a.example.com"] })).toEqual([
      ["customDomains.1", "a.example.com is listed twice"],
    ]);
    expect(issues({ ...base, customDomains: ["x.localhost"] })).toEqual([
      ["customDomains.0", "x.localhost is a platform host, not a custom domain"],
    ]);
    expect(issues({ ...base, tenantId: "ten_x" })).toEqual([["", 'Unrecognized key: "tenantId"']]);
    expect(issues({ ...base, plan: "pro", customDomains: ["a.example.com", "b.example.com"] })).toEqual([
      ["customDomains", "the Pro plan includes at most 1 custom domain"],
    ]);
  });
});

describe("brandedPreset", () => {
  it("uses the tenant's name as theme name and a From-header-safe sender name", () => {
    const tokens = brandedPreset("forest", 'Björk "&" <Friends>\u0007');
    expect(tokens.name).toBe('Björk "&" <Friends>');
    expect(tokens.email.senderName).toBe("Björk & Friends");
    expect(tokens.colors).toEqual(THEME_PRESETS.forest.colors);
  });

  it("falls back to the preset's names when nothing usable is left", () => {
    const tokens = brandedPreset("classic", '""<>');
    expect(tokens.email.senderName).toBe(THEME_PRESETS.classic.email.senderName);
  });
});
