import { writeFileSync } from "node:fs";
import { compileThemeCss } from "@mw/themes";
import { CONSOLE_THEME } from "../src/console-theme";

/** Rewrites ui/src/console-theme.css from the console's tokens (the unit test compares the two). */
const HEADER = "/* Generated from console-theme.ts by ui/scripts/write-console-theme.ts; do not edit. */\n";
writeFileSync(new URL("../src/console-theme.css", import.meta.url), HEADER + compileThemeCss(CONSOLE_THEME));
