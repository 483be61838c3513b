import {
  COLOR_KEYS,
  type ColorKey,
  type ColorMode,
  parseThemeTokensOrThrow,
  type ThemeTokens,
  webFontStack,
} from "./tokens";

/**
 * Compiles tokens to CSS custom properties that the layouts inline in a <style> element. The
 * output is injection-proof by construction, not by escaping: input is re-parsed with the schema,
 * variable names come from a closed list, selectors from a tiny allowlist, and every value is a
 * normalized hex color, an allowlisted font stack or an integer pixel length.
 */

type Kebab<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `-${Lowercase<Head>}`}${Kebab<Tail>}`
  : S;

export type ColorVariable = `--mw-color-${Kebab<ColorKey>}`;
export type ThemeCssVariable = ColorVariable | "--mw-font-body" | "--mw-font-heading" | "--mw-radius";

function kebab<S extends string>(key: S): Kebab<S> {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`) as Kebab<S>;
}

export function colorVariable(key: ColorKey): ColorVariable {
  return `--mw-color-${kebab(key)}`;
}

/** Every variable this package may emit; anything else in the output would be a bug. */
export const THEME_CSS_VARIABLES: readonly ThemeCssVariable[] = Object.freeze([
  ...COLOR_KEYS.map(colorVariable),
  "--mw-font-body",
  "--mw-font-heading",
  "--mw-radius",
] as const);

// `:root`, or one tenant's subtree as `[data-tenant="ten_…"]` (ids are lowercase base32, see core/ids).
const SCOPE_PATTERN = /^(?::root|\[data-tenant="ten_[0-9a-z]{1,64}"\])$/;

export class InvalidThemeScopeError extends Error {
  constructor() {
    super('Invalid theme CSS scope: use ":root" or [data-tenant="ten_…"]');
    this.name = "InvalidThemeScopeError";
  }
}

// Last line of defence should a font stack or formatting change ever go wrong: a value may hold only
// characters that cannot end a declaration, a block or the <style> element.
const SAFE_VALUE = /^[A-Za-z0-9 ,.#"-]+$/;

function safeValue(value: string): string {
  if (!SAFE_VALUE.test(value)) throw new Error("theme CSS value failed the output allowlist");
  return value;
}

/** A web font stack: one of our own `var(--mw-webfont-…)` references, then plain family names. */
const SAFE_FONT_STACK = /^(?:var\(--mw-webfont-[a-z]+\), )?[A-Za-z0-9 ,"-]+$/;

function safeFontStack(value: string): string {
  if (!SAFE_FONT_STACK.test(value)) throw new Error("theme font stack failed the output allowlist");
  return value;
}

function colorDeclarations(tokens: ThemeTokens, mode: ColorMode): [ColorVariable, string][] {
  const palette = tokens.colors[mode];
  return COLOR_KEYS.map((key) => [colorVariable(key), safeValue(palette[key])]);
}

function sharedDeclarations(tokens: ThemeTokens): [ThemeCssVariable, string][] {
  return [
    ["--mw-font-body", safeFontStack(webFontStack(tokens.fonts.body))],
    ["--mw-font-heading", safeFontStack(webFontStack(tokens.fonts.heading))],
    ["--mw-radius", safeValue(`${tokens.radius}px`)],
  ];
}

/**
 * Variable → value for one mode, for a React `style` prop (previews, emails, scoped widgets).
 * Validates its input like compileThemeCss does.
 */
export function themeCssVariables(tokens: ThemeTokens, mode: ColorMode = "light"): Record<ThemeCssVariable, string> {
  const valid = parseThemeTokensOrThrow(tokens);
  return Object.fromEntries([...colorDeclarations(valid, mode), ...sharedDeclarations(valid)]) as Record<
    ThemeCssVariable,
    string
  >;
}

function block(selector: string, declarations: [string, string][], indent = ""): string {
  const body = declarations.map(([name, value]) => `${indent}  ${name}: ${value};`).join("\n");
  return `${indent}${selector} {\n${body}\n${indent}}`;
}

export type CompileThemeCssOptions = {
  /** `:root` (default) or `[data-tenant="ten_…"]`; anything else throws InvalidThemeScopeError. */
  scope?: string;
};

/**
 * Light values on the scope; dark values when the OS prefers dark unless the page pinned
 * `data-theme=light`, and always when it pinned `data-theme=dark` (set on the scope element).
 * Fonts and radius do not vary by mode, so dark blocks carry colors only.
 *
 * Throws ThemeTokensError for invalid tokens, even when the caller's types claim they are valid.
 */
export function compileThemeCss(tokens: ThemeTokens, opts: CompileThemeCssOptions = {}): string {
  const scope = opts.scope ?? ":root";
  if (typeof scope !== "string" || !SCOPE_PATTERN.test(scope)) throw new InvalidThemeScopeError();
  const valid = parseThemeTokensOrThrow(tokens);

  const light = [...colorDeclarations(valid, "light"), ...sharedDeclarations(valid)];
  const dark = colorDeclarations(valid, "dark");

  return [
    block(scope, light),
    `@media (prefers-color-scheme: dark) {\n${block(`${scope}:not([data-theme=light])`, dark, "  ")}\n}`,
    block(`${scope}[data-theme=dark]`, dark),
    "",
  ].join("\n");
}
