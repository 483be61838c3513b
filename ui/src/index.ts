// The root entry stays light: client components import it, so nothing here may pull in zod or
// themes (CONSOLE_THEME lives in ./console-theme, used by the stylesheet's generator and its test).
export { cn } from "./cn";
