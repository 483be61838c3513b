export { cn } from "./cn";
export { CONSOLE_THEME } from "./console-theme";
