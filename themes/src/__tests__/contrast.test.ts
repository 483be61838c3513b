import { describe, expect, it } from "vitest";
import {
  assertThemeContrast,
  CONTRAST_PAIRS,
  contrastRatio,
  relativeLuminance,
  ThemeContrastError,
  validateThemeContrast,
} from "../contrast";
import { PRESET_IDS, THEME_PRESETS } from "../presets";
import { ThemeTokens } from "../tokens";
import { type LooseInput, validInput } from "./fixtures";

function themeWith(mutate: (input: LooseInput) => void): ThemeTokens {
  const input = validInput();
  mutate(input);
  return ThemeTokens.parse(input);
}

describe("contrastRatio", () => {
  it("gives the WCAG reference values", () => {
    expect(relativeLuminance("#000000")).toBe(0);
    expect(relativeLuminance("#ffffff")).toBeCloseTo(1, 10);
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 10);
    expect(contrastRatio("#777777", "#ffffff")).toBeCloseTo(4.48, 2);
    expect(contrastRatio("#767676", "#ffffff")).toBeCloseTo(4.54, 2);
    expect(contrastRatio("#abcdef", "#abcdef")).toBe(1);
  });

  it("does not depend on argument order or hex form", () => {
    expect(contrastRatio("#ffffff", "#777777")).toBe(contrastRatio("#777777", "#ffffff"));
    expect(contrastRatio("#FFF", "#000")).toBe(contrastRatio("#ffffff", "#000000"));
  });

  it("refuses anything that is not a hex color", () => {
    expect(() => contrastRatio("white", "#000000")).toThrow(TypeError);
    expect(() => relativeLuminance("#12345")).toThrow(/not a hex color/);
  });
});

describe("validateThemeContrast", () => {
  it("names the pair, colors and ratio of a failing text pair", () => {
    const theme = themeWith((i) => {
      i.colors.light.primary = "#77aaff";
      i.colors.light.primaryForeground = "#ffffff";
    });
    expect(validateThemeContrast(theme)).toEqual([
      {
        mode: "light",
        foreground: "primaryForeground",
        background: "primary",
        ratio: 2.34,
        required: 4.5,
        level: "error",
        message: "light: primaryForeground #ffffff on primary #77aaff has contrast 2.34:1, needs at least 4.5:1",
      },
    ]);
  });

  it("checks each mode separately", () => {
    const theme = themeWith((i) => {
      i.colors.dark.mutedForeground = i.colors.dark.background;
    });
    const issues = validateThemeContrast(theme);
    expect(issues.map((x) => [x.mode, x.foreground, x.background, x.ratio])).toEqual([
      ["dark", "mutedForeground", "background", 1],
    ]);
  });

  it("reports a faint border as a 3:1 warning, not an error", () => {
    const theme = themeWith((i) => {
      i.colors.light.border = "#e5e7eb";
    });
    const [issue, ...rest] = validateThemeContrast(theme);
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ foreground: "border", background: "background", required: 3, level: "warning" });
    expect(issue?.message).toBe("light: border #e5e7eb on background #ffffff has contrast 1.24:1, needs at least 3:1");
  });

  it("never displays a failing ratio as reaching the threshold", () => {
    // #0081a3 on white is 4.4978…:1, which plain rounding would print as 4.50.
    const theme = themeWith((i) => {
      i.colors.light.accent = "#0081a3";
      i.colors.light.accentForeground = "#ffffff";
    });
    const [issue] = validateThemeContrast(theme);
    expect(issue?.ratio).toBe(4.49);
    expect(issue?.message).toContain("4.49:1");
  });

  it("passes a pair exactly at the threshold", () => {
    // #767676 is the lightest gray that reaches 4.5:1 on white.
    const theme = themeWith((i) => {
      i.colors.light.mutedForeground = "#767676";
    });
    expect(validateThemeContrast(theme)).toEqual([]);
  });

  it("covers the agreed pairs and nothing else", () => {
    expect(CONTRAST_PAIRS.map((p) => `${p.foreground}/${p.background}@${p.required}:${p.level}`)).toEqual([
      "foreground/background@4.5:error",
      "surfaceForeground/surface@4.5:error",
      "primaryForeground/primary@4.5:error",
      "secondaryForeground/secondary@4.5:error",
      "mutedForeground/background@4.5:error",
      "accentForeground/accent@4.5:error",
      "dangerForeground/danger@4.5:error",
      "border/background@3:warning",
    ]);
  });

  it.each(PRESET_IDS)("preset %s has no contrast issues in either mode", (id) => {
    expect(validateThemeContrast(THEME_PRESETS[id])).toEqual([]);
  });
});

describe("assertThemeContrast", () => {
  it("throws ThemeContrastError carrying the error-level issues", () => {
    const theme = themeWith((i) => {
      i.colors.dark.danger = "#f87171";
      i.colors.dark.dangerForeground = "#ffffff";
      i.colors.dark.border = i.colors.dark.background;
    });
    let caught: unknown;
    try {
      assertThemeContrast(theme);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ThemeContrastError);
    const error = caught as ThemeContrastError;
    expect(error.issues.map((i) => `${i.mode}:${i.foreground}/${i.background}`)).toEqual([
      "dark:dangerForeground/danger",
    ]);
    expect(error.message).toContain("dark: dangerForeground #ffffff on danger #f87171 has contrast");
  });

  it("does not throw for warnings alone", () => {
    const theme = themeWith((i) => {
      i.colors.light.border = "#f3f4f6";
    });
    expect(validateThemeContrast(theme)).toHaveLength(1);
    expect(() => assertThemeContrast(theme)).not.toThrow();
  });

  it.each(PRESET_IDS)("accepts preset %s", (id) => {
    expect(() => assertThemeContrast(THEME_PRESETS[id])).not.toThrow();
  });
});
