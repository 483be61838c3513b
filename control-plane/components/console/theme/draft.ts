import { COLOR_KEYS, type ColorKey, type ColorMode, type ThemeFieldError, type ThemeTokens } from "@mw/themes";

/**
 * What the theme editor edits: the tokens with every field as the user typed it (a half-typed hex
 * color, an empty radius). `toCandidate` turns it back into something `parseThemeTokens` judges.
 */
export interface ThemeDraft {
  name: string;
  colors: Record<ColorMode, Record<ColorKey, string>>;
  fonts: { body: string; heading: string };
  radius: string;
  layout: { hero: string; cards: string };
  logo: { url: string; alt: string; width?: number; height?: number };
  favicon: { url: string };
  email: { senderName: string; footerText: string; accentColor?: string };
}

export function toDraft(t: ThemeTokens): ThemeDraft {
  return {
    name: t.name,
    colors: { light: { ...t.colors.light }, dark: { ...t.colors.dark } },
    fonts: { ...t.fonts },
    radius: String(t.radius),
    // Carried through even where the editor shows no control for it: a save must not reset it.
    layout: { ...t.layout },
    logo: { ...t.logo },
    favicon: { ...t.favicon },
    email: { ...t.email },
  };
}

export const RADIUS_ERROR = "must be a whole number of pixels from 0 to 32";

export function toCandidate(d: ThemeDraft): unknown {
  const radius = d.radius.trim() === "" ? Number.NaN : Number(d.radius);
  return { ...d, radius: Number.isFinite(radius) ? radius : d.radius };
}

/** Field errors keyed by token path (`colors.light.primary`), as the form marks them. */
export function errorMap(errors: readonly ThemeFieldError[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of errors) {
    const message = e.path === "radius" ? RADIUS_ERROR : e.message;
    out[e.path] = [...(out[e.path] ?? []), message];
  }
  return out;
}

/** Key-order-independent JSON (jsonb does not keep key order), for "unsaved changes". */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function colorLabel(key: ColorKey): string {
  const words = key.replace(/([A-Z])/g, " $1").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const HEX6 = /^#[0-9a-fA-F]{6}$/;
const HEX3 = /^#[0-9a-fA-F]{3}$/;

/** `<input type=color>` only speaks #rrggbb; expand #abc and fall back while the hex is half-typed. */
export function pickerValue(v: string): string {
  if (HEX6.test(v)) return v.toLowerCase();
  if (HEX3.test(v)) return `#${[...v.slice(1)].map((c) => c + c).join("")}`.toLowerCase();
  return "#000000";
}

export { COLOR_KEYS };
