import { ThemeTokens, type ThemeTokensInput } from "@mw/themes";

/**
 * MusicalWheel's own look for the staff and admin consoles, as a theme like any tenant's: the same
 * tokens, the same contrast checks (ThemeTokens.parse runs them), the same compiler. The stylesheet
 * the consoles load, console-theme.css, is this compiled; a unit test keeps the two equal
 * (`npx tsx ui/scripts/write-console-theme.ts` rewrites the file).
 */
const LOGO =
  "data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHdpZHRoPSI0MCIgaGVpZ2h0PSI0MCIgdmlld0JveD0iMCAwIDQwIDQwIj48cmVjdCB3aWR0aD0iNDAiIGhlaWdodD0iNDAiIHJ4PSIxMCIgZmlsbD0iIzQzMzhjYSIvPjwvc3ZnPg==";

export const CONSOLE_THEME: ThemeTokens = ThemeTokens.parse({
  name: "MusicalWheel",
  colors: {
    light: {
      background: "#fafafa",
      foreground: "#18181b",
      surface: "#ffffff",
      surfaceForeground: "#18181b",
      primary: "#4338ca",
      primaryForeground: "#ffffff",
      secondary: "#f4f4f5",
      secondaryForeground: "#27272a",
      muted: "#f4f4f5",
      mutedForeground: "#52525b",
      accent: "#eef2ff",
      accentForeground: "#312e81",
      border: "#8e8e98",
      danger: "#b91c1c",
      dangerForeground: "#ffffff",
    },
    dark: {
      background: "#09090b",
      foreground: "#fafafa",
      surface: "#131316",
      surfaceForeground: "#fafafa",
      primary: "#a5b4fc",
      primaryForeground: "#1e1b4b",
      secondary: "#27272a",
      secondaryForeground: "#f4f4f5",
      muted: "#1c1c20",
      mutedForeground: "#a1a1aa",
      accent: "#1e1b4b",
      accentForeground: "#e0e7ff",
      border: "#6b6b76",
      danger: "#f87171",
      dangerForeground: "#2b0808",
    },
  },
  fonts: { body: "inter", heading: "inter" },
  radius: 8,
  logo: { url: LOGO, alt: "MusicalWheel", width: 40, height: 40 },
  favicon: { url: LOGO },
  email: { senderName: "MusicalWheel", footerText: "MusicalWheel platform", accentColor: "#4338ca" },
} satisfies ThemeTokensInput);
