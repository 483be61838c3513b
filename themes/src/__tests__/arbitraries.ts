import fc from "fast-check";
import { THEME_PRESETS } from "../presets";
import { COLOR_KEYS, type ColorKey, FONT_IDS, ThemeEmail, ThemeLogo, ThemeTokens } from "../tokens";

/**
 * fast-check generators for valid theme input, built from the schema's own building blocks
 * (allowlists, field schemas), so the property tests explore what the schema admits.
 */

const hex6 = fc.integer({ min: 0, max: 0xffffff }).map((n) => `#${n.toString(16).padStart(6, "0")}`);
const hex3 = fc.integer({ min: 0, max: 0xfff }).map((n) => `#${n.toString(16).padStart(3, "0")}`);
export const hexColorInput = fc
  .tuple(fc.oneof(hex6, hex3), fc.boolean())
  .map(([hex, upper]) => (upper ? hex.toUpperCase() : hex));

const palette = fc.record(
  Object.fromEntries(COLOR_KEYS.map((key) => [key, hexColorInput])) as Record<ColorKey, typeof hexColorInput>,
);

// Free text: any unicode, including the characters an attacker would try, filtered by the schema.
const text = (max: number) => fc.string({ unit: "binary", minLength: 1, maxLength: max });
const hostile = fc.constantFrom("</style>", "<script>", "url(", "expression(", "\\", "@import", "}", ";", '"');
const freeText = (max: number) =>
  fc.oneof(
    text(max),
    fc.tuple(text(10), hostile, text(10)).map((parts) => parts.join("").slice(0, max)),
  );

const assetUrl = fc.oneof(
  fc.constant(THEME_PRESETS.aurora.logo.url),
  fc.stringMatching(/^\/[a-z0-9\-_/]{0,40}\.(svg|png)$/).filter((u) => !u.startsWith("//")),
  fc.webUrl({ validSchemes: ["https"] }),
);

const logo = fc
  .record(
    {
      url: assetUrl,
      alt: freeText(120),
      width: fc.integer({ min: 1, max: 2048 }),
      height: fc.integer({ min: 1, max: 2048 }),
    },
    { requiredKeys: ["url", "alt"] },
  )
  .filter((l) => ThemeLogo.safeParse(l).success);

const email = fc
  .record(
    { senderName: freeText(64), footerText: freeText(500), accentColor: hexColorInput },
    { requiredKeys: ["senderName", "footerText"] },
  )
  .filter((e) => ThemeEmail.safeParse(e).success);

export const themeInput = fc
  .record({
    name: freeText(64),
    colors: fc.record({ light: palette, dark: palette }),
    fonts: fc.record({ body: fc.constantFrom(...FONT_IDS), heading: fc.constantFrom(...FONT_IDS) }),
    radius: fc.integer({ min: 0, max: 32 }),
    logo,
    favicon: assetUrl.map((url) => ({ url })),
    email,
  })
  .filter((t) => ThemeTokens.safeParse(t).success);

export const validTheme = themeInput.map((t) => ThemeTokens.parse(t));
