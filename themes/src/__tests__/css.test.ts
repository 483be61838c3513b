import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  colorVariable,
  compileThemeCss,
  InvalidThemeScopeError,
  THEME_CSS_VARIABLES,
  type ThemeCssVariable,
  themeCssVariables,
} from "../css";
import { PRESET_IDS, THEME_PRESETS } from "../presets";
import { COLOR_KEYS, FONT_STACKS, type ThemeTokens, ThemeTokensError, webFontStack } from "../tokens";
import { validTheme } from "./arbitraries";
import { validInput } from "./fixtures";

const FORBIDDEN_IN_OUTPUT = ["<", ">", "url(", "expression", "\\", "@import"];

/** Splits compiled CSS into selector → declarations, understanding only the shape we emit. */
function parseBlocks(css: string): Map<string, Map<string, string>> {
  const blocks = new Map<string, Map<string, string>>();
  const re = /([^{}\n]+?)\s*\{([^{}]*)\}/g;
  for (const match of css.matchAll(re)) {
    const selector = (match[1] ?? "").trim();
    const decls = new Map<string, string>();
    for (const line of (match[2] ?? "").split(";")) {
      const idx = line.indexOf(":");
      if (idx === -1) continue;
      decls.set(line.slice(0, idx).trim(), line.slice(idx + 1).trim());
    }
    blocks.set(selector, decls);
  }
  return blocks;
}

function cast(input: unknown): ThemeTokens {
  return input as ThemeTokens;
}

describe("compileThemeCss", () => {
  const theme = THEME_PRESETS.aurora;

  it("emits every variable in the light block and every color in both dark blocks", () => {
    const css = compileThemeCss(theme);
    const blocks = parseBlocks(css);
    expect([...blocks.keys()]).toEqual([":root", ":root:not([data-theme=light])", ":root[data-theme=dark]"]);
    expect(css).toContain("@media (prefers-color-scheme: dark) {\n  :root:not([data-theme=light]) {");

    const light = blocks.get(":root");
    expect([...(light?.keys() ?? [])]).toEqual([...THEME_CSS_VARIABLES]);
    for (const key of COLOR_KEYS) expect(light?.get(colorVariable(key))).toBe(theme.colors.light[key]);
    expect(light?.get("--mw-font-body")).toBe(webFontStack(theme.fonts.body));
    expect(light?.get("--mw-font-heading")).toBe(webFontStack(theme.fonts.heading));
    expect(light?.get("--mw-radius")).toBe(`${theme.radius}px`);

    for (const selector of [":root:not([data-theme=light])", ":root[data-theme=dark]"]) {
      const dark = blocks.get(selector);
      expect([...(dark?.keys() ?? [])]).toEqual(COLOR_KEYS.map(colorVariable));
      for (const key of COLOR_KEYS) expect(dark?.get(colorVariable(key))).toBe(theme.colors.dark[key]);
    }
  });

  it("names color variables in kebab case", () => {
    expect(THEME_CSS_VARIABLES).toContain("--mw-color-surface-foreground");
    expect(THEME_CSS_VARIABLES).toContain("--mw-color-danger-foreground");
    expect(THEME_CSS_VARIABLES).toHaveLength(COLOR_KEYS.length + 3);
  });

  it("scopes to one tenant with an attribute selector", () => {
    const scope = '[data-tenant="ten_01jd6x9k3s0f7q2m5v8c1a4b6e"]';
    const blocks = parseBlocks(compileThemeCss(theme, { scope }));
    expect([...blocks.keys()]).toEqual([scope, `${scope}:not([data-theme=light])`, `${scope}[data-theme=dark]`]);
  });

  it("emits normalized values when given un-normalized input", () => {
    const input = validInput();
    input.colors.light.primary = "#ABC";
    const css = compileThemeCss(cast(input));
    expect(css).toContain("--mw-color-primary: #aabbcc;");
  });

  it.each([
    "#fff;}</style><script>alert(1)</script>",
    "red}body{background:url(javascript:alert(1))}",
    "expression(alert(1))",
    "#fff\\;",
    "#ffffff !important",
    "var(--x)",
  ])("rejects the color %j before it reaches the output", (color) => {
    const input = validInput();
    input.colors.dark.primary = color;
    expect(() => compileThemeCss(cast(input))).toThrow(ThemeTokensError);
    expect(() => themeCssVariables(cast(input))).toThrow(ThemeTokensError);
  });

  it("rejects a font id that is not in the allowlist", () => {
    const input = validInput();
    input.fonts.body = "system}</style>";
    expect(() => compileThemeCss(cast(input))).toThrow(/fonts\.body/);
    input.fonts.body = "constructor";
    expect(() => compileThemeCss(cast(input))).toThrow(ThemeTokensError);
  });

  it("rejects a radius that is not an integer", () => {
    for (const radius of ["4px;}", 4.5, Number.NaN, 1e9]) {
      const input = validInput();
      input.radius = radius;
      expect(() => compileThemeCss(cast(input))).toThrow(/radius/);
    }
  });

  it("rejects an unknown key smuggled in by a cast", () => {
    const input = validInput();
    input.colors.light["background;}</style>"] = "#ffffff";
    expect(() => compileThemeCss(cast(input))).toThrow(ThemeTokensError);
  });

  it("does not echo the rejected value in its error message", () => {
    const input = validInput();
    input.colors.light.primary = "</style><script>alert(1)</script>";
    expect(() => compileThemeCss(cast(input))).toThrow(/colors\.light\.primary/);
    try {
      compileThemeCss(cast(input));
    } catch (error) {
      expect(String((error as Error).message)).not.toContain("<script>");
    }
  });

  it.each([
    ":root}</style><script>",
    ":root{}",
    "body",
    ":root, body",
    "[data-tenant=ten_abc]",
    '[data-tenant="ten_ABC"]',
    '[data-tenant="ten_abc"] *',
    '[data-tenant="usr_abc"]',
    "",
  ])("rejects the scope %j", (scope) => {
    expect(() => compileThemeCss(theme, { scope })).toThrow(InvalidThemeScopeError);
  });

  it("rejects a non-string scope", () => {
    expect(() => compileThemeCss(theme, { scope: 42 as unknown as string })).toThrow(InvalidThemeScopeError);
  });

  it.each(PRESET_IDS)("compiles preset %s without forbidden sequences", (id) => {
    const css = compileThemeCss(THEME_PRESETS[id]);
    for (const bad of FORBIDDEN_IN_OUTPUT) expect(css).not.toContain(bad);
  });

  it("never emits forbidden sequences or unknown variables for any valid theme", () => {
    const allowed = new Set<string>(THEME_CSS_VARIABLES);
    fc.assert(
      fc.property(
        validTheme,
        fc.constantFrom(":root", '[data-tenant="ten_01jd6x9k3s0f7q2m5v8c1a4b6e"]'),
        (tokens, scope) => {
          const css = compileThemeCss(tokens, { scope });
          // Plain checks collected into one assertion: 500 runs × ~60 expect() calls would be slow.
          const violations = FORBIDDEN_IN_OUTPUT.filter((bad) => css.includes(bad));
          for (const [, decls] of parseBlocks(css)) {
            for (const [name, value] of decls) {
              if (!allowed.has(name)) violations.push(`variable ${name}`);
              if (!/^(#[0-9a-f]{6}|\d{1,2}px|(var\(--mw-webfont-[a-z]+\), )?[A-Za-z0-9 ,."-]+)$/.test(value))
                violations.push(`value ${value}`);
            }
          }
          expect(violations).toEqual([]);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("either rejects or safely emits any string put in a color, font or radius", () => {
    const base = validInput();
    fc.assert(
      fc.property(
        fc.constantFrom("color", "font", "radius"),
        fc.oneof(fc.string({ unit: "binary", maxLength: 40 }), fc.constantFrom("#fff", "#ABCDEF", "system", "8")),
        (field, value) => {
          const input = structuredClone(base);
          if (field === "color") input.colors.light.accent = value;
          if (field === "font") input.fonts.heading = value;
          if (field === "radius") input.radius = value;
          let css: string;
          try {
            css = compileThemeCss(cast(input));
          } catch (error) {
            expect(error).toBeInstanceOf(ThemeTokensError);
            return;
          }
          expect(FORBIDDEN_IN_OUTPUT.filter((bad) => css.includes(bad))).toEqual([]);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("themeCssVariables", () => {
  it("returns exactly the closed variable list for each mode", () => {
    const theme = THEME_PRESETS.forest;
    const light = themeCssVariables(theme);
    const dark = themeCssVariables(theme, "dark");
    expect(Object.keys(light)).toEqual([...THEME_CSS_VARIABLES]);
    expect(Object.keys(dark)).toEqual([...THEME_CSS_VARIABLES]);
    expect(light["--mw-color-primary"]).toBe(theme.colors.light.primary);
    expect(dark["--mw-color-primary"]).toBe(theme.colors.dark.primary);
    expect(dark["--mw-radius" satisfies ThemeCssVariable]).toBe("8px");
    expect(light["--mw-font-heading"]).toBe(webFontStack("serif"));
  });

  it("agrees with the compiled CSS", () => {
    const theme = THEME_PRESETS.sunset;
    const blocks = parseBlocks(compileThemeCss(theme));
    expect(Object.fromEntries(blocks.get(":root") ?? [])).toEqual(themeCssVariables(theme));
  });
});

describe("FONT_STACKS", () => {
  it("holds only characters that are inert inside a CSS declaration", () => {
    for (const stack of Object.values(FONT_STACKS)) expect(stack).toMatch(/^[A-Za-z0-9 ,"-]+$/);
  });

  it("web pages put the self-hosted face first and keep the e-mail stack as its fallback", () => {
    expect(webFontStack("system")).toBe(FONT_STACKS.system);
    expect(webFontStack("serif")).toBe(`var(--mw-webfont-serif), ${FONT_STACKS.serif}`);
    expect(compileThemeCss(THEME_PRESETS.aurora)).toContain("--mw-font-body: var(--mw-webfont-inter), Inter,");
  });
});
