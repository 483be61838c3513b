import localFont from "next/font/local";

/**
 * Self-hosted variable fonts from npm (@fontsource-variable/*): no font CDN is reachable, and a
 * tenant's visitors should not be sent to a third party for type. Each loader sets a CSS variable
 * named by themes' WEB_FONT_VARIABLES; the theme's font stacks start with it (webFontStack), so a
 * theme that picks "serif" gets Fraunces and its system fallbacks. Only Inter is preloaded (the
 * consoles' face); the others download only when a theme's CSS actually uses them.
 *
 * The paths are relative to this file and point into the workspace's hoisted node_modules.
 */
const inter = localFont({
  src: "../../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2",
  variable: "--mw-webfont-inter",
  weight: "100 900",
  display: "swap",
});
const fraunces = localFont({
  src: "../../node_modules/@fontsource-variable/fraunces/files/fraunces-latin-wght-normal.woff2",
  variable: "--mw-webfont-serif",
  weight: "100 900",
  display: "swap",
  preload: false,
});
const jetbrainsMono = localFont({
  src: "../../node_modules/@fontsource-variable/jetbrains-mono/files/jetbrains-mono-latin-wght-normal.woff2",
  variable: "--mw-webfont-mono",
  weight: "100 800",
  display: "swap",
  preload: false,
});
const nunito = localFont({
  src: "../../node_modules/@fontsource-variable/nunito/files/nunito-latin-wght-normal.woff2",
  variable: "--mw-webfont-rounded",
  weight: "200 1000",
  display: "swap",
  preload: false,
});
const sourceSans = localFont({
  src: "../../node_modules/@fontsource-variable/source-sans-3/files/source-sans-3-latin-wght-normal.woff2",
  variable: "--mw-webfont-humanist",
  weight: "200 900",
  display: "swap",
  preload: false,
});
const outfit = localFont({
  src: "../../node_modules/@fontsource-variable/outfit/files/outfit-latin-wght-normal.woff2",
  variable: "--mw-webfont-geometric",
  weight: "100 900",
  display: "swap",
  preload: false,
});

/** Put on <html>: defines every --mw-webfont-* variable (fonts load only when used). */
export const fontVariables = [inter, fraunces, jetbrainsMono, nunito, sourceSans, outfit]
  .map((f) => f.variable)
  .join(" ");
