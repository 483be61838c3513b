/**
 * Homograph checks for one DNS label, after UTS #39 (Unicode Security Mechanisms) §5:
 * the "Highly Restrictive" level for mixed scripts, and a whole-script confusable check for the
 * scripts whose letters pass best for Latin ones. Pure; used by the custom-domain check.
 */

/** Scripts we name in messages. A letter in none of them is reported as "another script". */
const SCRIPTS = [
  "Latin",
  "Greek",
  "Cyrillic",
  "Armenian",
  "Hebrew",
  "Arabic",
  "Syriac",
  "Thaana",
  "Devanagari",
  "Bengali",
  "Gurmukhi",
  "Gujarati",
  "Oriya",
  "Tamil",
  "Telugu",
  "Kannada",
  "Malayalam",
  "Sinhala",
  "Thai",
  "Lao",
  "Tibetan",
  "Myanmar",
  "Georgian",
  "Hangul",
  "Ethiopic",
  "Cherokee",
  "Khmer",
  "Mongolian",
  "Hiragana",
  "Katakana",
  "Bopomofo",
  "Han",
  "Yi",
] as const;

const SCRIPT_RE = new Map(SCRIPTS.map((s) => [s, new RegExp(`\\p{Script_Extensions=${s}}`, "u")]));
/** Common (digits, hyphen, punctuation) and Inherited (combining marks) belong to every script. */
const NEUTRAL = /[\p{Script=Common}\p{Script=Inherited}]/u;

// UTS #39 treats these writing systems as one script each: Japanese, Chinese with Bopomofo, Korean.
const JAPANESE = "Japanese";
const CHINESE = "Han with Bopomofo";
const KOREAN = "Korean";

/** The script set of one character (Script_Extensions, augmented as UTS #39 §5.1 says); null if neutral. */
function scriptsOf(char: string): Set<string> | null {
  if (NEUTRAL.test(char)) return null;
  const set = new Set<string>();
  for (const [name, re] of SCRIPT_RE) if (re.test(char)) set.add(name);
  if (set.size === 0) set.add("another script");
  if (set.has("Han")) for (const s of [JAPANESE, CHINESE, KOREAN]) set.add(s);
  if (set.has("Hiragana") || set.has("Katakana")) set.add(JAPANESE);
  if (set.has("Hangul")) set.add(KOREAN);
  if (set.has("Bopomofo")) set.add(CHINESE);
  return set;
}

/** Latin may be combined with one of these in a label (UTS #39 "Highly Restrictive"). */
const LATIN_COMPANIONS = [JAPANESE, CHINESE, KOREAN];

export type ScriptCheck =
  | { ok: true; script: string | null }
  | { ok: false; reason: "mixed"; scripts: string[] }
  | { ok: false; reason: "digits"; scripts: string[] };

/**
 * Whether a label (already decoded to Unicode) is written in one script, or in Latin plus one
 * of Japanese / Chinese / Korean. "аpple" (Cyrillic а + Latin pple) is `mixed`. Digits from two
 * numbering systems (`1` and `١`) are refused too.
 */
export function checkLabelScripts(label: string): ScriptCheck {
  const chars = Array.from(label);
  const sets = chars.map(scriptsOf).filter((s): s is Set<string> => s !== null);
  const zeros = new Set(chars.filter((c) => /\p{Nd}/u.test(c)).map(digitZero));
  if (zeros.size > 1) return { ok: false, reason: "digits", scripts: [...zeros].map((z) => digitSystem(z)) };
  if (sets.length === 0) return { ok: true, script: null };

  const common = intersect(sets);
  if (common.size > 0) return { ok: true, script: primary(common) };
  for (const companion of LATIN_COMPANIONS) {
    if (sets.every((s) => s.has("Latin") || s.has(companion))) return { ok: true, script: companion };
  }
  const named = new Set<string>();
  for (const s of sets) named.add(primary(s));
  return { ok: false, reason: "mixed", scripts: [...named] };
}

function intersect(sets: Set<string>[]): Set<string> {
  const [first, ...rest] = sets;
  const out = new Set(first);
  for (const s of rest) for (const x of out) if (!s.has(x)) out.delete(x);
  return out;
}

/** The plain script name of a set (not the Japanese/Chinese/Korean groupings, when there is one). */
function primary(set: Set<string>): string {
  for (const s of SCRIPTS) if (set.has(s)) return s;
  return [...set][0] ?? "another script";
}

/** The zero of a decimal digit's numbering system: digits come in runs of ten, starting at zero. */
function digitZero(c: string): number {
  const cp = c.codePointAt(0) as number;
  let start = cp;
  while (start > 0 && /\p{Nd}/u.test(String.fromCodePoint(start - 1))) start--;
  return cp - ((cp - start) % 10);
}

function digitSystem(zero: number): string {
  return zero === 0x30 ? "ASCII digits" : `digits from U+${zero.toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * Letters of Cyrillic, Greek and Armenian that look like Latin ones in common fonts (a conservative
 * subset of UTS #39's confusables.txt, lower case since host names are). A label made only of
 * these reads as a Latin word: "аре" is "ape", "раураl" is "paypal".
 */
const LATIN_LOOKALIKES: Record<string, Record<string, string>> = {
  Cyrillic: {
    а: "a",
    в: "b",
    ь: "b",
    с: "c",
    ԁ: "d",
    е: "e",
    ҽ: "e",
    ԍ: "g",
    һ: "h",
    і: "i",
    ј: "j",
    к: "k",
    ӏ: "l",
    м: "m",
    п: "n",
    о: "o",
    р: "p",
    ԛ: "q",
    г: "r",
    ѕ: "s",
    т: "t",
    ѵ: "v",
    ԝ: "w",
    ѡ: "w",
    х: "x",
    у: "y",
    ү: "y",
  },
  Greek: {
    α: "a",
    ε: "e",
    η: "n",
    ι: "i",
    κ: "k",
    ν: "v",
    ο: "o",
    ρ: "p",
    τ: "t",
    υ: "u",
    χ: "x",
    γ: "y",
    ω: "w",
  },
  Armenian: { զ: "q", հ: "h", ո: "n", ս: "u", ց: "g", օ: "o" },
};

/**
 * The Latin text a single-script label passes for, when every letter in it has a Latin lookalike
 * ("аре" → "ape"); null when the label does not read as Latin.
 */
export function latinLookalike(label: string): string | null {
  const check = checkLabelScripts(label);
  if (!check.ok || check.script === null) return null;
  const map = LATIN_LOOKALIKES[check.script];
  if (!map) return null;
  let out = "";
  let letters = 0;
  for (const c of label) {
    if (NEUTRAL.test(c)) {
      out += c;
      continue;
    }
    const latin = map[c];
    if (!latin) return null;
    out += latin;
    letters++;
  }
  return letters > 0 ? out : null;
}
