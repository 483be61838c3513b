/**
 * The consoles' light/dark choice, read by the server (root layout) and written by ModeToggle.
 * Not in mode-toggle.tsx: a "use client" module's functions cannot be called on the server.
 */
export const MODE_COOKIE = "mw_mode";
export type Mode = "system" | "light" | "dark";

export function parseMode(value: string | undefined): Mode {
  return value === "light" || value === "dark" ? value : "system";
}
