import type { ReactNode } from "react";
import { ConsoleShell } from "../../../components/console/console-shell";
import { isConsoleAdmin } from "../../../lib/console/access";
import { currentConsole } from "../../../lib/console-session";

/** The billing pages (/console/billing and below) in the same signed-in shell as the admin pages. */
export default async function BillingLayout({ children }: { children: ReactNode }) {
  const c = await currentConsole();
  if (!c || !isConsoleAdmin(c.session.ability)) return children;
  return <ConsoleShell c={c}>{children}</ConsoleShell>;
}
