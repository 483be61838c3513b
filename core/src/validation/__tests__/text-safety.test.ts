import { describe, expect, it } from "vitest";
import { z } from "zod";
import { displayName, multilineText } from "../names";
import { checkLabelScripts, latinLookalike } from "../scripts";
import { describeCodePoint, findUnsafeChar, unsafeCharMessage } from "../text-safety";

describe("findUnsafeChar: names", () => {
  it.each([
    ["Acme Records", null],
    ["Zoë Ångström", null],
    ["Straße 5", null],
    ["محمد", null],
    ["山田 太郎", null],
    // Joiners between non-ASCII characters: emoji sequences and Persian spelling.
    ["Dev 👩‍💻", null],
    ["❤️‍🔥 fans", null],
    ["می‌خواهم", null],
    // A variation selector right after an emoji (❤️, keycap 1️⃣).
    ["I ❤️ jazz", null],
    ["1️⃣ band", null],
  ])("%j is clean", (text, expected) => {
    expect(findUnsafeChar(text, "name")).toEqual(expected);
  });

  it.each([
    ["Acme\u202eRecords", "bidi", 0x202e, 4],
    ["\u2066Acme", "bidi", 0x2066, 0],
    ["Acme\u200f", "bidi", 0x200f, 4],
    ["Ac\u061cme", "bidi", 0x061c, 2],
    ["Acme\u200bRecords", "invisible", 0x200b, 4],
    ["Ac\u2060me", "invisible", 0x2060, 2],
    ["Ac\u00adme", "invisible", 0x00ad, 2],
    ["Ac\ufeffme", "invisible", 0xfeff, 2],
    ["Acme\u3164", "invisible", 0x3164, 4],
    ["Acme\u{e0041}", "invisible", 0xe0041, 4],
    // A joiner next to ASCII or at an edge joins nothing visible: it only hides a difference.
    ["ad\u200dmin", "invisible", 0x200d, 2],
    ["\u200cمحمد", "invisible", 0x200c, 0],
    // A variation selector on a plain letter changes nothing visible either.
    ["admin\ufe0f", "invisible", 0xfe0f, 5],
    ["Acme\nRecords", "control", 0x0a, 4],
    ["Acme\tRecords", "control", 0x09, 4],
    ["Acme\u0085", "control", 0x85, 4],
    ["Acme\u2028Records", "separator", 0x2028, 4],
    ["Acme\ue000", "private", 0xe000, 4],
    ["Acme\ud800", "private", 0xd800, 4],
    ["Acme\ufffe", "private", 0xfffe, 4],
  ])("%j is refused (%s)", (text, kind, codePoint, index) => {
    expect(findUnsafeChar(text, "name")).toEqual({ kind, codePoint, index });
  });

  it("counts the index in code points, not UTF-16 units", () => {
    expect(findUnsafeChar("𝄞𝄞\u202e", "name")).toEqual({ kind: "bidi", codePoint: 0x202e, index: 2 });
  });
});

describe("findUnsafeChar: other policies", () => {
  it("multi-line text keeps line breaks and tabs but not direction controls", () => {
    expect(findUnsafeChar("Line one\r\nLine\ttwo", "multiline")).toBeNull();
    expect(findUnsafeChar("Line one\n\u202etwo", "multiline")).toMatchObject({ kind: "bidi" });
    expect(findUnsafeChar("bell\u0007", "multiline")).toMatchObject({ kind: "control" });
  });

  it("identifiers allow nothing invisible, not even joiners between non-ASCII letters", () => {
    expect(findUnsafeChar("münchen", "identifier")).toBeNull();
    expect(findUnsafeChar("می‌خواهم", "identifier")).toMatchObject({ kind: "invisible", codePoint: 0x200c });
  });
});

describe("messages", () => {
  it("names the character by code point and, when known, by name", () => {
    expect(describeCodePoint(0x202e)).toBe("U+202E right-to-left override");
    expect(describeCodePoint(0x7)).toBe("U+0007");
    expect(describeCodePoint(0xe0041)).toBe("U+E0041");
    expect(unsafeCharMessage({ kind: "invisible", codePoint: 0x200b, index: 3 })).toBe(
      "contains an invisible character (U+200B zero-width space), which would make it look the same as a different name; remove it",
    );
  });
});

describe("zod schemas", () => {
  it("displayName refuses a right-to-left override with a field error", () => {
    const result = z.object({ name: displayName("name", 80) }).safeParse({ name: "Acme\u202eRecords" });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: ["name"],
        message: expect.stringMatching(/^name contains a text-direction control character \(U\+202E/),
      }),
    ]);
  });

  it("displayName trims and keeps the usual required and length messages", () => {
    const schema = displayName("name", 5);
    expect(schema.parse("  Acme ")).toBe("Acme");
    expect(schema.safeParse("  ").error?.issues[0]?.message).toBe("name is required");
    expect(schema.safeParse("Acme Records").error?.issues[0]?.message).toBe("name must be at most 5 characters");
  });

  it("multilineText keeps paragraphs", () => {
    expect(multilineText("bio", 100).parse("One.\n\nTwo.")).toBe("One.\n\nTwo.");
    expect(multilineText("bio", 100).safeParse("One.\u200b").success).toBe(false);
  });
});

describe("checkLabelScripts (UTS #39 highly restrictive)", () => {
  it.each([
    ["apple", "Latin"],
    ["münchen", "Latin"],
    ["пример", "Cyrillic"],
    ["ελληνικά", "Greek"],
    ["例え", "Japanese"],
    ["日本語abc", "Japanese"],
    ["中文abc", "Japanese"],
    ["한국abc", "Korean"],
    ["123-456", null],
  ])("%j is one script (%s)", (label, script) => {
    const result = checkLabelScripts(label);
    expect(result.ok).toBe(true);
    if (result.ok && script !== "Japanese") expect(result.script).toBe(script);
  });

  it.each([
    ["аpple", ["Cyrillic", "Latin"]],
    ["gοοgle", ["Latin", "Greek"]],
    ["пpивет", ["Cyrillic", "Latin"]],
    ["aεb", ["Latin", "Greek"]],
    ["abcאב", ["Latin", "Hebrew"]],
  ])("%j mixes scripts", (label, scripts) => {
    expect(checkLabelScripts(label)).toEqual({ ok: false, reason: "mixed", scripts });
  });

  it("refuses two numbering systems in one label", () => {
    expect(checkLabelScripts("a1২")).toMatchObject({ ok: false, reason: "digits" });
  });
});

describe("latinLookalike (whole-script confusables)", () => {
  it.each([
    ["аре", "ape"],
    ["сосо", "coco"],
    ["ορο", "opo"],
    ["հօս", "hou"],
    ["ехр-1", "exp-1"],
  ])("%j reads as %j", (label, latin) => {
    expect(latinLookalike(label)).toBe(latin);
  });

  it.each(["apple", "пример", "ελληνικά", "例え", "123", "аpple"])("%j does not imitate a Latin word", (label) => {
    expect(latinLookalike(label)).toBeNull();
  });
});
