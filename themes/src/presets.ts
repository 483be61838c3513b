import { type ColorPalette, ThemeTokens, type ThemeTokensInput } from "./tokens";

/**
 * Starting points offered when a tenant is provisioned or an admin resets branding. Every preset
 * passes all contrast checks (errors and warnings) in both modes; a unit test holds us to that.
 */

export const PRESET_IDS = ["aurora", "sunset", "forest", "classic"] as const;
export type PresetId = (typeof PRESET_IDS)[number];

export function isPresetId(value: unknown): value is PresetId {
  return typeof value === "string" && (PRESET_IDS as readonly string[]).includes(value);
}

// btoa rather than Buffer: this module is also bundled into client components, where Buffer
// does not exist. btoa only takes Latin-1, so the logos are kept ASCII and we check it.
function svgDataUrl(svg: string): string {
  if (!/^[\x20-\x7e]*$/.test(svg)) throw new Error("preset logo SVG must be printable ASCII");
  return `data:image/svg+xml;base64,${btoa(svg)}`;
}

/** A 40×40 rounded badge with a white glyph: readable on light and dark backgrounds alike. */
function badgeLogo(fill: string, glyph: string): string {
  return svgDataUrl(
    `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" viewBox="0 0 40 40"><rect width="40" height="40" rx="10" fill="${fill}"/>${glyph}</svg>`,
  );
}

const GLYPHS: Record<PresetId, string> = {
  aurora:
    '<g fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round"><path d="M8 17c6-7 10-7 16 0s10 7 16 0"/><path d="M8 26c6-7 10-7 16 0s10 7 16 0"/></g>',
  sunset:
    '<path d="M10 26a10 10 0 0 1 20 0z" fill="#fff"/><rect x="7" y="29" width="26" height="3" rx="1.5" fill="#fff"/>',
  forest: '<path d="M20 6l9 13h-5l7 10H9l7-10h-5z" fill="#fff"/><rect x="18" y="29" width="4" height="6" fill="#fff"/>',
  classic: '<circle cx="20" cy="20" r="9" fill="none" stroke="#fff" stroke-width="4"/>',
};

const FOOTER = "You are receiving this email because you have an account with us.";

function preset(
  id: PresetId,
  name: string,
  colors: { light: ColorPalette; dark: ColorPalette },
  rest: Pick<ThemeTokensInput, "fonts" | "radius" | "layout">,
): ThemeTokens {
  const logoUrl = badgeLogo(colors.light.primary, GLYPHS[id]);
  // Parsed at module load: a typo in a preset fails every import (and the test run), not a tenant.
  return ThemeTokens.parse({
    name,
    colors,
    ...rest,
    logo: { url: logoUrl, alt: name, width: 40, height: 40 },
    favicon: { url: logoUrl },
    email: { senderName: name, footerText: FOOTER, accentColor: colors.light.primary },
  } satisfies ThemeTokensInput);
}

// Presets are shared module state: freeze them all the way down so no caller can edit one in place.
function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

export const THEME_PRESETS: Readonly<Record<PresetId, ThemeTokens>> = deepFreeze({
  aurora: preset(
    "aurora",
    "Aurora",
    {
      light: {
        background: "#ffffff",
        foreground: "#1e1b2e",
        surface: "#f6f3ff",
        surfaceForeground: "#1e1b2e",
        primary: "#6d28d9",
        primaryForeground: "#ffffff",
        secondary: "#ede9fe",
        secondaryForeground: "#4c1d95",
        muted: "#f3f0fa",
        mutedForeground: "#5f5a70",
        accent: "#0e7490",
        accentForeground: "#ffffff",
        border: "#8b84a0",
        danger: "#b91c1c",
        dangerForeground: "#ffffff",
      },
      dark: {
        background: "#120f1d",
        foreground: "#ede9fe",
        surface: "#1c1830",
        surfaceForeground: "#ede9fe",
        primary: "#a78bfa",
        primaryForeground: "#1e0b4b",
        secondary: "#2e2650",
        secondaryForeground: "#ddd6fe",
        muted: "#221d36",
        mutedForeground: "#aaa3c2",
        accent: "#67e8f9",
        accentForeground: "#083344",
        border: "#6b6390",
        danger: "#f87171",
        dangerForeground: "#2b0808",
      },
    },
    { fonts: { body: "inter", heading: "geometric" }, radius: 12, layout: { hero: "centered", cards: "grid" } },
  ),
  sunset: preset(
    "sunset",
    "Sunset",
    {
      light: {
        background: "#fffaf5",
        foreground: "#2a1610",
        surface: "#fff1e6",
        surfaceForeground: "#2a1610",
        primary: "#c2410c",
        primaryForeground: "#ffffff",
        secondary: "#ffe4d1",
        secondaryForeground: "#7c2d12",
        muted: "#fdf0e6",
        mutedForeground: "#6e4f42",
        accent: "#9f1239",
        accentForeground: "#ffffff",
        border: "#a27c6c",
        danger: "#b91c1c",
        dangerForeground: "#ffffff",
      },
      dark: {
        background: "#1a0f0a",
        foreground: "#fdeee4",
        surface: "#27170f",
        surfaceForeground: "#fdeee4",
        primary: "#fb923c",
        primaryForeground: "#2a1100",
        secondary: "#3b2216",
        secondaryForeground: "#fed7aa",
        muted: "#2c1a12",
        mutedForeground: "#c9a996",
        accent: "#fb7185",
        accentForeground: "#2b0610",
        border: "#8a6656",
        danger: "#f87171",
        dangerForeground: "#2b0808",
      },
    },
    { fonts: { body: "humanist", heading: "rounded" }, radius: 16, layout: { hero: "banner", cards: "grid" } },
  ),
  forest: preset(
    "forest",
    "Forest",
    {
      light: {
        background: "#fbfdf9",
        foreground: "#14231a",
        surface: "#f0f6ee",
        surfaceForeground: "#14231a",
        primary: "#166534",
        primaryForeground: "#ffffff",
        secondary: "#dcefdc",
        secondaryForeground: "#14532d",
        muted: "#eef3ec",
        mutedForeground: "#4f6154",
        accent: "#854d0e",
        accentForeground: "#ffffff",
        border: "#7f9484",
        danger: "#b91c1c",
        dangerForeground: "#ffffff",
      },
      dark: {
        background: "#0b1510",
        foreground: "#e3f1e6",
        surface: "#13211a",
        surfaceForeground: "#e3f1e6",
        primary: "#4ade80",
        primaryForeground: "#052e16",
        secondary: "#1d3326",
        secondaryForeground: "#bbf7d0",
        muted: "#16261d",
        mutedForeground: "#9db5a4",
        accent: "#facc15",
        accentForeground: "#2d2000",
        border: "#4f6d5b",
        danger: "#f87171",
        dangerForeground: "#2b0808",
      },
    },
    { fonts: { body: "system", heading: "serif" }, radius: 8, layout: { hero: "split", cards: "list" } },
  ),
  classic: preset(
    "classic",
    "Classic",
    {
      light: {
        background: "#ffffff",
        foreground: "#111827",
        surface: "#f9fafb",
        surfaceForeground: "#111827",
        primary: "#1f2937",
        primaryForeground: "#ffffff",
        secondary: "#f3f4f6",
        secondaryForeground: "#1f2937",
        muted: "#f3f4f6",
        mutedForeground: "#4b5563",
        accent: "#1d4ed8",
        accentForeground: "#ffffff",
        border: "#8b929c",
        danger: "#b91c1c",
        dangerForeground: "#ffffff",
      },
      dark: {
        background: "#0b0f17",
        foreground: "#f3f4f6",
        surface: "#141a24",
        surfaceForeground: "#f3f4f6",
        primary: "#e5e7eb",
        primaryForeground: "#111827",
        secondary: "#1f2937",
        secondaryForeground: "#e5e7eb",
        muted: "#1a202b",
        mutedForeground: "#9ca3af",
        accent: "#60a5fa",
        accentForeground: "#0b1a33",
        border: "#5b6472",
        danger: "#f87171",
        dangerForeground: "#2b0808",
      },
    },
    { fonts: { body: "system", heading: "system" }, radius: 6, layout: { hero: "banner", cards: "list" } },
  ),
});

/** A fresh, mutable copy of a preset, e.g. as the initial draft of a tenant's theme. */
export function getThemePreset(id: PresetId): ThemeTokens {
  return structuredClone(THEME_PRESETS[id]);
}
