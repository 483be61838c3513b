import { getThemePreset } from "../presets";

// biome-ignore lint/suspicious/noExplicitAny: the tests break typed input on purpose, field by field.
export type LooseInput = Record<string, any>;

/** A valid theme as plain JSON, to be broken one field at a time by the tests. */
export function validInput(): LooseInput {
  return JSON.parse(JSON.stringify(getThemePreset("classic")));
}
