/**
 * Characters that change how text looks without being seen, and letters that pass for others.
 * Pure functions over code points; the zod schemas in `./names` and the host-name check use them.
 *
 * What is refused, and why (docs/adr/0009-text-safety-and-domain-names.md):
 * - control characters (C0/C1, Cc): tabs, line breaks, bells — a name is one line;
 * - bidirectional formatting (Bidi_Control: U+202A–U+202E, U+2066–U+2069, LRM/RLM/ALM): U+202E
 *   "right-to-left override" shows `gpj.exe` as `exe.jpg` and reversed a tenant name in <title>;
 * - default-ignorable characters (zero-width space, word joiner, soft hyphen, BOM, tag characters,
 *   Hangul fillers, …): invisible, so two names that look the same compare different;
 * - line/paragraph separators, private-use code points (font-dependent glyphs), lone surrogates
 *   and noncharacters.
 * Allowed in names because real writing needs them: ZERO WIDTH JOINER / NON-JOINER between two
 * non-ASCII characters (emoji sequences like 👩‍💻, Persian and Indic spelling) and a variation
 * selector right after an emoji (❤️). In host names nothing invisible is allowed at all.
 */

export type UnsafeKind = "control" | "bidi" | "invisible" | "separator" | "private";

export interface UnsafeChar {
  kind: UnsafeKind;
  codePoint: number;
  /** Index in code points (not UTF-16 units). */
  index: number;
}

const CONTROL = /\p{Cc}/u;
const BIDI = /\p{Bidi_Control}/u;
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/u;
const SEPARATOR = /[\p{Zl}\p{Zp}]/u;
const PRIVATE_OR_BROKEN = /[\p{Co}\p{Cs}\p{Noncharacter_Code_Point}]/u;
const JOINER = /[\u200c\u200d]/u;
const VARIATION_SELECTOR = /\p{Variation_Selector}/u;
const EMOJI = /\p{Emoji}/u;
const WHITESPACE = /\s/u;
const ASCII = /^\p{ASCII}$/u;

/** Where line breaks and tabs are fine (multi-line free text such as a bio). */
const MULTILINE_CONTROLS = new Set([0x09, 0x0a, 0x0d]);

export type TextPolicy =
  /** One line of display text: a tenant, user, role or artist name. */
  | "name"
  /** Free text over several lines (a bio, a description): line breaks and tabs allowed. */
  | "multiline"
  /** A host name or a slug: nothing invisible at all, not even joiners. */
  | "identifier";

/** The first character the policy refuses, or null when the text is clean. */
export function findUnsafeChar(text: string, policy: TextPolicy): UnsafeChar | null {
  const chars = Array.from(text);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    const codePoint = c.codePointAt(0) as number;
    const kind = classify(c, codePoint, policy, chars[i - 1], chars[i + 1]);
    if (kind) return { kind, codePoint, index: i };
  }
  return null;
}

function classify(
  c: string,
  codePoint: number,
  policy: TextPolicy,
  prev: string | undefined,
  next: string | undefined,
): UnsafeKind | null {
  if (CONTROL.test(c)) return policy === "multiline" && MULTILINE_CONTROLS.has(codePoint) ? null : "control";
  if (BIDI.test(c)) return "bidi";
  if (SEPARATOR.test(c)) return "separator";
  if (PRIVATE_OR_BROKEN.test(c)) return "private";
  if (!IGNORABLE.test(c)) return null;
  if (policy === "identifier") return "invisible";
  if (JOINER.test(c) && joins(prev) && joins(next)) return null;
  if (VARIATION_SELECTOR.test(c) && prev !== undefined && EMOJI.test(prev) && !/[a-z]/i.test(prev)) return null;
  return "invisible";
}

/** A joiner sits between two visible non-ASCII characters (a variation selector may precede it: ❤️‍🔥). */
function joins(neighbour: string | undefined): boolean {
  if (neighbour === undefined || ASCII.test(neighbour) || WHITESPACE.test(neighbour)) return false;
  if (VARIATION_SELECTOR.test(neighbour)) return true;
  return !IGNORABLE.test(neighbour) && !BIDI.test(neighbour) && !CONTROL.test(neighbour);
}

/** Names of the characters people actually paste, so the message says more than a number. */
const CHAR_NAMES: Record<number, string> = {
  0: "null",
  9: "tab",
  10: "line break",
  13: "carriage return",
  27: "escape",
  127: "delete",
  173: "soft hyphen",
  847: "combining grapheme joiner",
  1564: "Arabic letter mark",
  4447: "Hangul choseong filler",
  4448: "Hangul jungseong filler",
  6158: "Mongolian vowel separator",
  8203: "zero-width space",
  8204: "zero-width non-joiner",
  8205: "zero-width joiner",
  8206: "left-to-right mark",
  8207: "right-to-left mark",
  8232: "line separator",
  8233: "paragraph separator",
  8234: "left-to-right embedding",
  8235: "right-to-left embedding",
  8236: "pop directional formatting",
  8237: "left-to-right override",
  8238: "right-to-left override",
  8288: "word joiner",
  8289: "function application",
  8290: "invisible times",
  8291: "invisible separator",
  8292: "invisible plus",
  8294: "left-to-right isolate",
  8295: "right-to-left isolate",
  8296: "first strong isolate",
  8297: "pop directional isolate",
  12644: "Hangul filler",
  65039: "variation selector-16",
  65279: "zero-width no-break space (byte order mark)",
  65440: "halfwidth Hangul filler",
};

/** `U+202E (right-to-left override)`. */
export function describeCodePoint(codePoint: number): string {
  const hex = `U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}`;
  const name = CHAR_NAMES[codePoint];
  return name ? `${hex} ${name}` : hex;
}

const WHAT: Record<UnsafeKind, string> = {
  control: "a control character",
  bidi: "a text-direction control character",
  invisible: "an invisible character",
  separator: "a line or paragraph separator",
  private: "a private-use or invalid character",
};

const WHY: Partial<Record<UnsafeKind, string>> = {
  bidi: ", which can make text display in a different order than it is stored",
  invisible: ", which would make it look the same as a different name",
};

/** "contains an invisible character (U+200B zero-width space) …; remove it" — the caller names the field. */
export function unsafeCharMessage(issue: UnsafeChar): string {
  return `contains ${WHAT[issue.kind]} (${describeCodePoint(issue.codePoint)})${WHY[issue.kind] ?? ""}; remove it`;
}

/**
 * The text with every character `findUnsafeChar` would refuse written as `<U+202E>`, so that a
 * message can quote what someone typed without the quote itself reversing or hiding anything.
 */
export function showUnsafe(text: string, policy: TextPolicy = "identifier"): string {
  let out = "";
  const chars = Array.from(text);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    const codePoint = c.codePointAt(0) as number;
    const kind = classify(c, codePoint, policy, chars[i - 1], chars[i + 1]);
    out += kind ? `<U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}>` : c;
  }
  return out;
}
