import { describe, expect, it } from "vitest";
import { THEME_PRESETS } from "../presets";
import { checkAssetUrl, MAX_DATA_URL_BYTES, parseThemeTokens, ThemeTokens } from "../tokens";
import { type LooseInput, validInput } from "./fixtures";

function errorsFor(mutate: (input: LooseInput) => void) {
  const input = validInput();
  mutate(input);
  const result = parseThemeTokens(input);
  if (result.ok) throw new Error("expected the input to be rejected");
  return result.errors;
}

function expectErrorAt(mutate: (input: LooseInput) => void, path: string, message?: RegExp) {
  const errors = errorsFor(mutate);
  expect(errors.map((e) => e.path)).toEqual([path]);
  if (message) expect(errors[0]?.message).toMatch(message);
}

describe("ThemeTokens schema", () => {
  it("accepts every preset unchanged", () => {
    for (const preset of Object.values(THEME_PRESETS)) {
      const result = parseThemeTokens(preset);
      expect(result).toEqual({ ok: true, tokens: preset });
    }
  });

  it("normalizes hex colors to lowercase 6-digit form", () => {
    const input = validInput();
    input.colors.light.primary = "#A1B";
    input.colors.dark.border = "#ABCDEF";
    input.email.accentColor = "#FFF";
    const tokens = ThemeTokens.parse(input);
    expect(tokens.colors.light.primary).toBe("#aa11bb");
    expect(tokens.colors.dark.border).toBe("#abcdef");
    expect(tokens.email.accentColor).toBe("#ffffff");
  });

  it.each(["red", "#ff", "#ffff", "#12345g", "#1234567", "ffffff", "rgb(0,0,0)", " #ffffff"])(
    "rejects the color %j at its path",
    (bad) => {
      expectErrorAt(
        (i) => {
          i.colors.light.primary = bad;
        },
        "colors.light.primary",
        /hex color/,
      );
    },
  );

  it("reports a missing color at its path", () => {
    expectErrorAt((i) => {
      delete i.colors.dark.dangerForeground;
    }, "colors.dark.dangerForeground");
  });

  it("rejects an unknown font id", () => {
    expectErrorAt(
      (i) => {
        i.fonts.body = "comic-sans";
      },
      "fonts.body",
      /must be one of: system, inter/,
    );
  });

  it("rejects unknown keys with the key's own path, at any depth", () => {
    expectErrorAt(
      (i) => {
        i.colors.light.extra = "#ffffff";
      },
      "colors.light.extra",
      /unknown key/,
    );
    expectErrorAt(
      (i) => {
        i.customCss = "body{}";
      },
      "customCss",
      /unknown key/,
    );
    expectErrorAt(
      (i) => {
        i.logo.onerror = "alert(1)";
      },
      "logo.onerror",
      /unknown key/,
    );
  });

  it.each([-1, 33, 4.5, "4px;}", "8"])("rejects the radius %j", (radius) => {
    expectErrorAt((i) => {
      i.radius = radius;
    }, "radius");
  });

  it("accepts the radius bounds 0 and 32", () => {
    for (const radius of [0, 32]) {
      const input = validInput();
      input.radius = radius;
      expect(parseThemeTokens(input).ok).toBe(true);
    }
  });

  it("rejects a javascript: logo URL", () => {
    expectErrorAt(
      (i) => {
        i.logo.url = "javascript:alert(1)";
      },
      "logo.url",
      /javascript: URLs are not allowed/,
    );
    expectErrorAt(
      (i) => {
        i.logo.url = "JavaScript:alert(1)";
      },
      "logo.url",
      /javascript:/,
    );
  });

  it("rejects an http: favicon URL", () => {
    expectErrorAt(
      (i) => {
        i.favicon.url = "http://cdn.example.com/icon.png";
      },
      "favicon.url",
      /https/,
    );
  });

  it("rejects CR/LF and header-breaking characters in the sender name", () => {
    for (const senderName of ["Acme\r\nBcc: victim@example.com", "Acme\nX", 'Acme" <evil@example.com>', "Acme <x>"]) {
      expectErrorAt(
        (i) => {
          i.email.senderName = senderName;
        },
        "email.senderName",
        /line breaks/,
      );
    }
  });

  it("keeps control characters out of the name and footer, but lets the footer span lines", () => {
    expectErrorAt(
      (i) => {
        i.name = "Acme\nCorp";
      },
      "name",
      /control characters/,
    );
    expectErrorAt(
      (i) => {
        i.email.footerText = "Acme\u0000Corp";
      },
      "email.footerText",
      /control characters/,
    );
    const input = validInput();
    input.email.footerText = "Acme Corp\r\n1 Main Street\n\tSpringfield";
    expect(parseThemeTokens(input).ok).toBe(true);
  });

  it("bounds the lengths of free-text fields", () => {
    expectErrorAt((i) => {
      i.name = "";
    }, "name");
    expectErrorAt((i) => {
      i.name = "x".repeat(65);
    }, "name");
    expectErrorAt((i) => {
      i.logo.alt = "";
    }, "logo.alt");
    expectErrorAt((i) => {
      i.logo.alt = "x".repeat(121);
    }, "logo.alt");
    expectErrorAt((i) => {
      i.email.senderName = "x".repeat(65);
    }, "email.senderName");
    expectErrorAt((i) => {
      i.email.footerText = "x".repeat(501);
    }, "email.footerText");
  });

  it("reports several bad fields at once", () => {
    const errors = errorsFor((i) => {
      i.colors.dark.accent = "blue";
      i.fonts.heading = "papyrus";
      i.radius = 99;
    });
    expect(errors.map((e) => e.path).sort()).toEqual(["colors.dark.accent", "fonts.heading", "radius"]);
  });
});

describe("checkAssetUrl", () => {
  it.each([
    "https://cdn.example.com/logo.svg",
    "https://cdn.example.com/a/b.png?v=3#x",
    "/brand/logo.svg",
    "data:image/png;base64,iVBORw0KGgo=",
    "data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=",
  ])("accepts %s", (url) => {
    expect(checkAssetUrl(url)).toBeNull();
  });

  it.each([
    ["", /empty/],
    ["//evil.example.com/logo.png", /single \//],
    ["logo.png", /must be https/],
    ["ftp://example.com/logo.png", /must be https/],
    ["https://user:pw@example.com/logo.png", /credentials/],
    ["https:///logo.png", /host name/],
    ["https://", /host name/],
    ['/logo.png?x="onerror', /quotes/],
    ["/logo.png'", /quotes/],
    ["/logo(1).png", /parentheses/],
    ["/logo\\x.png", /backslashes/],
    ["/logo x.png", /whitespace/],
    ["/logo<script>.png", /</],
    ["https://example.com/{x}", /not allowed/],
    ["data:text/html;base64,PHNjcmlwdD4=", /data URLs must be/],
    ["data:image/svg+xml,<svg></svg>", /data URLs must be/],
    ["data:image/png;base64,abc", /data URLs must be/],
  ])("rejects %j", (url, reason) => {
    expect(checkAssetUrl(url)).toMatch(reason);
  });

  it("limits inline images to 100 kB of decoded data", () => {
    const groups = Math.floor(MAX_DATA_URL_BYTES / 3); // each 4 base64 chars decode to 3 bytes
    const atLimit = "A".repeat(groups * 4);
    expect(checkAssetUrl(`data:image/png;base64,${atLimit}`)).toBeNull();
    const over = "A".repeat((groups + 1) * 4);
    expect(checkAssetUrl(`data:image/png;base64,${over}`)).toMatch(/100 kB/);
  });
});
