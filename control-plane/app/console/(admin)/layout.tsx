import type { ReactNode } from "react";
import { ConsoleShell } from "../../../components/console/console-shell";
import { isConsoleAdmin } from "../../../lib/console/access";
import { currentConsole } from "../../../lib/console-session";

/**
 * The signed-in shell. Without an admin session it renders the page alone: every page calls
 * `requireConsoleAdmin(<its own path>)`, which redirects to sign-in with the right `next` — a layout
 * does not know the path, so redirecting here would lose it.
 */
export default async function ConsoleAdminLayout({ children }: { children: ReactNode }) {
  const c = await currentConsole();
  if (!c || !isConsoleAdmin(c.session.ability)) return children;
  return <ConsoleShell c={c}>{children}</ConsoleShell>;
}
