import { getThemePreset } from "../presets.js";

/** A valid theme as plain JSON, to be broken one field at a time by the tests. */
export function validInput(): Record<string, any> {
  return JSON.parse(JSON.stringify(getThemePreset("classic")));
}
