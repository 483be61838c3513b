import type { ColorKey, ColorMode, ThemeTokens } from "./tokens";
import { COLOR_MODES, normalizeHexColor } from "./tokens";

/**
 * WCAG 2.1 contrast math. Pure functions: the admin console shows the issues live while editing,
 * and publishing refuses a theme with error-level issues (assertThemeContrast).
 */

const HEX_COLOR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;

function toHex6(color: string): string {
  if (!HEX_COLOR.test(color)) throw new TypeError(`not a hex color: ${JSON.stringify(color)}`);
  return normalizeHexColor(color);
}

function linearize(channel8: number): number {
  const c = channel8 / 255;
  // sRGB linearization. WCAG 2.1's text says 0.03928 (from an old sRGB draft); WCAG 2.2 and the sRGB
  // standard use 0.04045. We use 0.04045: for 8-bit channels no value lies between the two
  // thresholds (10/255 ≈ 0.0392 < both, 11/255 ≈ 0.0431 > both), so results are identical.
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of a hex color (`#rgb` or `#rrggbb`), 0 (black) … 1 (white). */
export function relativeLuminance(color: string): number {
  const hex = toHex6(color);
  const r = linearize(Number.parseInt(hex.slice(1, 3), 16));
  const g = linearize(Number.parseInt(hex.slice(3, 5), 16));
  const b = linearize(Number.parseInt(hex.slice(5, 7), 16));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio between two colors, 1 … 21, independent of argument order. Not rounded. */
export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  const [hi, lo] = la >= lb ? [la, lb] : [lb, la];
  return (hi + 0.05) / (lo + 0.05);
}

export type ContrastLevel = "error" | "warning";

export type ContrastPair = {
  foreground: ColorKey;
  background: ColorKey;
  required: number;
  level: ContrastLevel;
};

/**
 * The pairs we promise to be readable. Text pairs need 4.5:1 (WCAG 1.4.3 AA, normal text) and
 * block publishing; the border is a non-text UI boundary (WCAG 1.4.11, 3:1) and only warns, since
 * decorative separators are legitimately subtle.
 */
export const CONTRAST_PAIRS: readonly ContrastPair[] = [
  { foreground: "foreground", background: "background", required: 4.5, level: "error" },
  { foreground: "surfaceForeground", background: "surface", required: 4.5, level: "error" },
  { foreground: "primaryForeground", background: "primary", required: 4.5, level: "error" },
  { foreground: "secondaryForeground", background: "secondary", required: 4.5, level: "error" },
  { foreground: "mutedForeground", background: "background", required: 4.5, level: "error" },
  { foreground: "accentForeground", background: "accent", required: 4.5, level: "error" },
  { foreground: "dangerForeground", background: "danger", required: 4.5, level: "error" },
  { foreground: "border", background: "background", required: 3, level: "warning" },
];

export type ContrastIssue = {
  mode: ColorMode;
  foreground: ColorKey;
  background: ColorKey;
  /** Rounded to 2 decimals, but never up to the required value: 4.496 shows as 4.49, not 4.5. */
  ratio: number;
  required: number;
  level: ContrastLevel;
  message: string;
};

function displayRatio(ratio: number, required: number): number {
  const rounded = Math.round(ratio * 100) / 100;
  return rounded >= required ? Math.floor(ratio * 100) / 100 : rounded;
}

/** Every pair below its threshold, in both modes. An empty list means the theme passes. */
export function validateThemeContrast(tokens: Pick<ThemeTokens, "colors">): ContrastIssue[] {
  const issues: ContrastIssue[] = [];
  for (const mode of COLOR_MODES) {
    const palette = tokens.colors[mode];
    for (const pair of CONTRAST_PAIRS) {
      const fg = palette[pair.foreground];
      const bg = palette[pair.background];
      const exact = contrastRatio(fg, bg);
      if (exact >= pair.required) continue;
      const ratio = displayRatio(exact, pair.required);
      issues.push({
        mode,
        foreground: pair.foreground,
        background: pair.background,
        ratio,
        required: pair.required,
        level: pair.level,
        message: `${mode}: ${pair.foreground} ${fg} on ${pair.background} ${bg} has contrast ${ratio.toFixed(2)}:1, needs at least ${pair.required}:1`,
      });
    }
  }
  return issues;
}

export class ThemeContrastError extends Error {
  constructor(readonly issues: ContrastIssue[]) {
    super(`Theme fails contrast checks — ${issues.map((i) => i.message).join("; ")}`);
    this.name = "ThemeContrastError";
  }
}

/** Throws ThemeContrastError listing the error-level issues; warnings alone never throw. */
export function assertThemeContrast(tokens: Pick<ThemeTokens, "colors">): void {
  const errors = validateThemeContrast(tokens).filter((issue) => issue.level === "error");
  if (errors.length > 0) throw new ThemeContrastError(errors);
}
