import { parseThemeTokens, THEME_PRESETS } from "@mw/themes";
import { describe, expect, it } from "vitest";
import { toCandidate, toDraft } from "../draft";

describe("theme editor draft", () => {
  it("a theme saved unchanged from the editor keeps its layout (a save must not reset it to the default)", () => {
    const forest = THEME_PRESETS.forest;
    expect(forest.layout).toEqual({ hero: "split", cards: "list" });
    const saved = parseThemeTokens(toCandidate(toDraft(forest)));
    expect(saved.ok && saved.tokens.layout).toEqual(forest.layout);
  });

  it("an unknown layout from a tampered form is refused with its field named", () => {
    const draft = { ...toDraft(THEME_PRESETS.aurora), layout: { hero: "marquee", cards: "grid" } };
    const result = parseThemeTokens(toCandidate(draft));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.path)).toContain("layout.hero");
  });
});
