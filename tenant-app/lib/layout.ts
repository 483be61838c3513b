import type { ThemeLayout } from "@mw/themes";

/**
 * The theme's `layout.cards` as a directory's classes: a grid of cards, or one column of rows
 * (the row's inner layout comes from `rowClass`). Class strings in full, so Tailwind sees them.
 */
export function directoryClass(cards: ThemeLayout["cards"]): string {
  return cards === "list" ? "grid gap-3" : "grid gap-4 sm:grid-cols-2 lg:grid-cols-3";
}

/** Inside a directory entry: stacked in a grid, side by side (wrapping on phones) in a list. */
export function rowClass(cards: ThemeLayout["cards"]): string {
  return cards === "list" ? "flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1" : "grid gap-1";
}
