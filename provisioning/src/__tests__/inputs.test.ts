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
      ["customDomains.0", expect.stringMatching(/^x\.localhost: localhost cannot be a custom domain/)],
    ]);
    expect(issues({ ...base, tenantId: "ten_x" })).toEqual([["", 'Unrecognized key: "tenantId"']]);
    expect(issues({ ...base, plan: "pro", customDomains: ["a.example.com", "b.example.com"] })).toEqual([
      ["customDomains", "the Pro plan includes at most 1 custom domain"],
    ]);
  });

  it("takes an Enterprise agreement: price in dollars to cents, invoices due in 30 days unless told", () => {
    const base = { name: "A", slug: "abc", ownerEmail: "a@b.co", plan: "enterprise" as const };
    expect(OnboardInput.parse({ ...base, billing: { price: "2500.50" } }).billing).toEqual({
      priceCents: 250050,
      interval: "month",
      collectionMethod: "send_invoice",
      daysUntilDue: 30,
    });
    expect(
      OnboardInput.parse({
        ...base,
        billing: { price: "30000", interval: "year", collectionMethod: "charge_automatically", daysUntilDue: "15" },
      }).billing,
    ).toEqual({
      priceCents: 3_000_000,
      interval: "year",
      collectionMethod: "charge_automatically",
      daysUntilDue: null,
    });
  });

  it("refuses an Enterprise onboarding without a usable price, and a custom price on a catalog plan", () => {
    const base = { name: "A", slug: "abc", ownerEmail: "a@b.co" };
    const issues = (input: object) =>
      OnboardInput.safeParse(input).error?.issues.map((i) => [i.path.join("."), i.message]);
    expect(issues({ ...base, plan: "enterprise" })).toEqual([
      ["billing.price", "enter the negotiated price for Enterprise"],
    ]);
    expect(issues({ ...base, plan: "enterprise", billing: { price: "12,50" } })).toEqual([
      ["billing.price", "a price in US dollars, e.g. 2500 or 2500.00"],
    ]);
    expect(issues({ ...base, plan: "enterprise", billing: { price: "0.5" } })).toEqual([
      ["billing.price", "at least $1.00"],
    ]);
    expect(issues({ ...base, plan: "enterprise", billing: { price: "100", daysUntilDue: "120" } })).toEqual([
      ["billing.daysUntilDue", "at most 90 days"],
    ]);
    expect(issues({ ...base, plan: "pro", billing: { price: "100" } })).toEqual([
      ["billing.price", "a custom price is only for Enterprise"],
    ]);
  });
});

describe("OnboardInput: custom domains get the admin console's host-name check", () => {
  const base = {
    name: "A",
    slug: "abc",
    ownerEmail: "a@b.co",
    plan: "enterprise" as const,
    billing: { price: "1000" },
  };
  const issues = (customDomains: string[]) =>
    OnboardInput.safeParse({ ...base, customDomains }).error?.issues.map((i) => [i.path.join("."), i.message]);

  it("refuses each bad domain with an issue at its index that names it", () => {
    expect(issues(["music.acme.com", "127.0.0.1", "10.0.0.1", "evil.c0m", "https://acme.com/x"])).toEqual([
      ["customDomains.1", expect.stringMatching(/^127\.0\.0\.1: An IP address cannot be a custom domain/)],
      ["customDomains.2", expect.stringMatching(/^10\.0\.0\.1: An IP address cannot be a custom domain/)],
      ["customDomains.3", expect.stringMatching(/^evil\.c0m: "c0m" is not a top-level domain/)],
      ["customDomains.4", expect.stringMatching(/^https:\/\/acme\.com\/x: Enter only the domain name/)],
    ]);
  });

  it("refuses homographs and invisible characters, quoting them harmlessly", () => {
    expect(issues(["аpple.com", "bad\u200b.com", "a\u202eb.com"])).toEqual([
      ["customDomains.0", expect.stringMatching(/^аpple\.com: The part "аpple" mixes Cyrillic and Latin/)],
      ["customDomains.1", expect.stringMatching(/^bad<U\+200B>\.com: .*invisible character \(U\+200B/)],
      ["customDomains.2", expect.stringMatching(/^a<U\+202E>b\.com: .*text-direction control character/)],
    ]);
  });

  it("stores the normalized form and catches duplicates after normalizing", () => {
    expect(OnboardInput.parse({ ...base, customDomains: ["MÜNCHEN.de."] }).customDomains).toEqual([
      "xn--mnchen-3ya.de",
    ]);
    expect(issues(["münchen.de", "xn--mnchen-3ya.de"])).toEqual([
      ["customDomains.1", "xn--mnchen-3ya.de is listed twice"],
    ]);
  });

  it("refuses a customer name with a right-to-left override", () => {
    const result = OnboardInput.safeParse({ ...base, name: "Acme\u202eRecords" });
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["name", expect.stringMatching(/^name contains a text-direction control character \(U\+202E/)],
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
