import { z } from "zod";

/**
 * The theme token schema. Everything a tenant admin can change about branding passes through here,
 * and everything downstream (CSS, emails, <img> tags) only ever sees parsed output, so this file is
 * the trust boundary: values are checked by allowlist, never by blocklist alone.
 */

// ---------------------------------------------------------------------------------------------
// Colors

/** The closed list of palette keys; CSS variable names are derived from it, so it is the contract. */
export const COLOR_KEYS = [
  "background",
  "foreground",
  "surface",
  "surfaceForeground",
  "primary",
  "primaryForeground",
  "secondary",
  "secondaryForeground",
  "muted",
  "mutedForeground",
  "accent",
  "accentForeground",
  "border",
  "danger",
  "dangerForeground",
] as const;

export type ColorKey = (typeof COLOR_KEYS)[number];

export const COLOR_MODES = ["light", "dark"] as const;
export type ColorMode = (typeof COLOR_MODES)[number];

const HEX_COLOR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;

/** `#ABC` → `#aabbcc`, `#A1B2C3` → `#a1b2c3`. Expects a string that already matched HEX_COLOR. */
export function normalizeHexColor(value: string): string {
  const hex = value.slice(1).toLowerCase();
  if (hex.length === 3) {
    return `#${[...hex].map((c) => c + c).join("")}`;
  }
  return `#${hex}`;
}

/**
 * Only hex colors: named colors, rgb(), hsl() and friends are valid CSS but widen the input space
 * for no branding benefit, and a single normalized form makes contrast checks and diffs trivial.
 */
export const HexColor = z
  .string()
  .regex(HEX_COLOR, { error: "must be a hex color like #1a2b3c or #abc" })
  .transform(normalizeHexColor);

const colorShape = Object.fromEntries(COLOR_KEYS.map((key) => [key, HexColor])) as Record<ColorKey, typeof HexColor>;

export const ColorPalette = z.strictObject(colorShape);
export type ColorPalette = z.infer<typeof ColorPalette>;

// ---------------------------------------------------------------------------------------------
// Fonts

export const FONT_IDS = ["system", "inter", "serif", "mono", "rounded", "humanist", "geometric"] as const;
export type FontId = (typeof FONT_IDS)[number];

/**
 * Font stacks made only of fonts already on the visitor's machine (no @font-face, nothing to
 * download, no third-party request). "inter" uses Inter when installed locally and otherwise falls
 * back to the system sans. Stacks follow the modern-font-stacks groupings.
 */
export const FONT_STACKS: Readonly<Record<FontId, string>> = Object.freeze({
  system:
    'ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  inter: 'Inter, "Inter Variable", ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif',
  serif: 'ui-serif, Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, "Times New Roman", serif',
  mono: 'ui-monospace, "Cascadia Code", "Source Code Pro", Menlo, Consolas, "DejaVu Sans Mono", monospace',
  rounded:
    'ui-rounded, "Hiragino Maru Gothic ProN", Quicksand, Comfortaa, Manjari, "Arial Rounded MT", "Arial Rounded MT Bold", Calibri, sans-serif',
  humanist: 'Seravek, "Gill Sans Nova", Ubuntu, Calibri, "DejaVu Sans", source-sans-pro, sans-serif',
  geometric: 'Avenir, Montserrat, Corbel, "URW Gothic", source-sans-pro, sans-serif',
});

/**
 * The CSS variable each self-hosted web font's loader sets (ui/src/fonts.ts, next/font/local). Web
 * pages use `webFontStack`, which puts the downloaded face first; e-mails keep FONT_STACKS (mail
 * clients load no web fonts and know no CSS variables).
 */
export const WEB_FONT_VARIABLES: Readonly<Record<Exclude<FontId, "system">, string>> = Object.freeze({
  inter: "--mw-webfont-inter",
  serif: "--mw-webfont-serif",
  mono: "--mw-webfont-mono",
  rounded: "--mw-webfont-rounded",
  humanist: "--mw-webfont-humanist",
  geometric: "--mw-webfont-geometric",
});

/** The font-family value for web pages: the self-hosted face, then the machine's own fallbacks. */
export function webFontStack(id: FontId): string {
  return id === "system" ? FONT_STACKS.system : `var(${WEB_FONT_VARIABLES[id]}), ${FONT_STACKS[id]}`;
}

export const FontId = z.enum(FONT_IDS, { error: `must be one of: ${FONT_IDS.join(", ")}` });

export const ThemeFonts = z.strictObject({ body: FontId, heading: FontId });

// ---------------------------------------------------------------------------------------------
// URLs (logo, favicon)

/** Limit on the decoded payload of an inline data: image, so a theme row stays small. */
export const MAX_DATA_URL_BYTES = 100 * 1024;
export const MAX_URL_LENGTH = 2048;

const DATA_IMAGE_URL = /^data:image\/(?:png|svg\+xml);base64,([A-Za-z0-9+/]+={0,2})$/;
// RFC 3986 characters minus quotes, parentheses and whitespace: what remains cannot break out of an
// HTML attribute, a CSS url() or a header, wherever a future caller decides to put the URL.
const SAFE_URL_CHARS = /^[A-Za-z0-9\-._~:/?#[\]@!$&*+,;=%]+$/;
const FORBIDDEN_URL_CHAR = /[\s"'`()\\<>]/;

function base64DecodedBytes(payload: string): number {
  const padding = payload.endsWith("==") ? 2 : payload.endsWith("=") ? 1 : 0;
  return (payload.length / 4) * 3 - padding;
}

/** Returns a reason the URL is refused, or null when it is acceptable. Pure, so it is testable alone. */
export function checkAssetUrl(url: string): string | null {
  if (url.length === 0) return "must not be empty";
  const lower = url.toLowerCase();

  if (lower.startsWith("data:")) {
    const match = DATA_IMAGE_URL.exec(url);
    if (!match?.[1] || match[1].length % 4 !== 0) {
      return "data URLs must be data:image/png;base64,… or data:image/svg+xml;base64,…";
    }
    if (base64DecodedBytes(match[1]) > MAX_DATA_URL_BYTES) {
      return `inline images must be at most ${MAX_DATA_URL_BYTES / 1024} kB`;
    }
    return null;
  }

  if (url.length > MAX_URL_LENGTH) return `must be at most ${MAX_URL_LENGTH} characters`;
  if (/^\s*javascript:/i.test(url)) return "javascript: URLs are not allowed";
  if (lower.startsWith("http:")) return "must use https://, not http://";
  if (FORBIDDEN_URL_CHAR.test(url)) {
    return "must not contain whitespace, quotes, parentheses, backslashes, < or >";
  }
  if (!SAFE_URL_CHARS.test(url)) return "contains characters that are not allowed in a URL";

  if (url.startsWith("/")) {
    // "//host/x" is protocol-relative: it would load from any host while looking site-relative.
    if (url.startsWith("//")) return "must be https://… or a site-relative path starting with a single /";
    return null;
  }
  if (lower.startsWith("https://")) {
    // WHATWG parsing would read "https:///x" as host "x"; insist on what the admin literally typed.
    if (url.charAt(8) === "/" || url.length === 8) return "must include a host name";
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return "is not a valid URL";
    }
    if (!parsed.hostname) return "must include a host name";
    if (parsed.username || parsed.password) return "must not contain credentials";
    return null;
  }
  return "must be https://…, a site-relative path starting with /, or a base64 PNG/SVG data URL";
}

export const AssetUrl = z.string().superRefine((url, ctx) => {
  const reason = checkAssetUrl(url);
  if (reason) ctx.addIssue({ code: "custom", message: reason });
});

export const ThemeLogo = z.strictObject({
  url: AssetUrl,
  alt: z.string().trim().min(1, { error: "must not be empty" }).max(120, { error: "must be at most 120 characters" }),
  width: z.number().int().min(1).max(2048).optional(),
  height: z.number().int().min(1).max(2048).optional(),
});

export const ThemeFavicon = z.strictObject({ url: AssetUrl });

// ---------------------------------------------------------------------------------------------
// Email

// The sender name ends up in a From header: CR/LF would inject headers, and <>" would let it forge
// or break the address part of `"Name" <addr>`.
// \p{Cc} is every C0/C1 control character, CR and LF included.
const HEADER_UNSAFE = /[\p{Cc}<>"]/u;
const CONTROL_CHARS = /\p{Cc}/u;
// A footer may span lines; tabs and line breaks are the only control characters it keeps.
const hasNonLayoutControlChar = (v: string) => CONTROL_CHARS.test(v.replace(/[\t\n\r]/g, ""));

export const ThemeEmail = z.strictObject({
  senderName: z
    .string()
    .min(1, { error: "must not be empty" })
    .max(64, { error: "must be at most 64 characters" })
    .refine((v) => !HEADER_UNSAFE.test(v), {
      error: 'must not contain line breaks, control characters, <, > or "',
    }),
  footerText: z
    .string()
    .max(500, { error: "must be at most 500 characters" })
    .refine((v) => !hasNonLayoutControlChar(v), { error: "must not contain control characters" }),
  accentColor: HexColor.optional(),
});

// ---------------------------------------------------------------------------------------------
// Layout: how the site arranges itself, so two tenants look like two products, not two palettes

export const HERO_LAYOUTS = ["centered", "split", "banner"] as const;
export const CARD_LAYOUTS = ["grid", "list"] as const;

export const ThemeLayout = z.strictObject({
  /** The home page's opening: centered text, text beside a panel, or a full-width band. */
  hero: z.enum(HERO_LAYOUTS, { error: `must be one of: ${HERO_LAYOUTS.join(", ")}` }),
  /** Directories (artists, events): a grid of cards or a list of rows. */
  cards: z.enum(CARD_LAYOUTS, { error: `must be one of: ${CARD_LAYOUTS.join(", ")}` }),
});
export type ThemeLayout = z.infer<typeof ThemeLayout>;

/** What a theme saved before layouts existed gets: the site as it looked then. */
export const DEFAULT_LAYOUT: ThemeLayout = Object.freeze({ hero: "banner", cards: "grid" });

// ---------------------------------------------------------------------------------------------
// The whole theme

export const ThemeTokens = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, { error: "must not be empty" })
    .max(64, { error: "must be at most 64 characters" })
    .refine((v) => !CONTROL_CHARS.test(v), {
      error: "must not contain line breaks or control characters",
    }),
  colors: z.strictObject({ light: ColorPalette, dark: ColorPalette }),
  fonts: ThemeFonts,
  radius: z.number().int({ error: "must be a whole number of pixels" }).min(0).max(32),
  layout: ThemeLayout.default(() => ({ ...DEFAULT_LAYOUT })),
  logo: ThemeLogo,
  favicon: ThemeFavicon,
  email: ThemeEmail,
});

/** Parsed (normalized) theme tokens: colors are lowercase `#rrggbb`. */
export type ThemeTokens = z.infer<typeof ThemeTokens>;
/** What callers may submit before normalization (e.g. `#ABC`). */
export type ThemeTokensInput = z.input<typeof ThemeTokens>;

export type ThemeFieldError = { path: string; message: string };

export type ParseThemeTokensResult = { ok: true; tokens: ThemeTokens } | { ok: false; errors: ThemeFieldError[] };

/** Flattens zod issues to one entry per offending field, e.g. `colors.light.primary`. */
export function toFieldErrors(issues: readonly z.core.$ZodIssue[]): ThemeFieldError[] {
  const errors: ThemeFieldError[] = [];
  for (const issue of issues) {
    const base = issue.path.map(String);
    if (issue.code === "unrecognized_keys") {
      // zod reports unknown keys on the parent object; point at each key so a form can mark it.
      for (const key of issue.keys) {
        errors.push({ path: [...base, key].join("."), message: "unknown key" });
      }
      continue;
    }
    errors.push({ path: base.join("."), message: issue.message });
  }
  return errors;
}

export function parseThemeTokens(input: unknown): ParseThemeTokensResult {
  const result = ThemeTokens.safeParse(input);
  if (result.success) return { ok: true, tokens: result.data };
  return { ok: false, errors: toFieldErrors(result.error.issues) };
}

/** Thrown by functions that must not proceed on invalid tokens (CSS compilation). */
export class ThemeTokensError extends Error {
  constructor(readonly errors: ThemeFieldError[]) {
    super(`Invalid theme tokens — ${errors.map((e) => `${e.path || "(root)"}: ${e.message}`).join(", ")}`);
    this.name = "ThemeTokensError";
  }
}

export function parseThemeTokensOrThrow(input: unknown): ThemeTokens {
  const result = parseThemeTokens(input);
  if (!result.ok) throw new ThemeTokensError(result.errors);
  return result.tokens;
}
