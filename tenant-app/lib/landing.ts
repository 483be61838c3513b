import "server-only";
import { getSession, landingAfterSiteSignIn } from "@mw/core/sessions";
import { consoleLinkTo } from "./host";
import { runtimeDb } from "./runtime";
import { requireHostTenant } from "./tenant";

/**
 * Where a member goes after joining or signing in without asking for a page: the site's content
 * their roles read, else the console page they may use (a billing manager: Billing), through the
 * console's sign-in for this organization, else their account page — never a 403.
 */
export async function landingAfterSignIn(token: string): Promise<string> {
  const tenant = await requireHostTenant();
  const session = await getSession(runtimeDb(), tenant.tenantId, token, "site");
  if (!session) return "/sign-in";
  const landing = landingAfterSiteSignIn(session.ability);
  if (landing.app === "site") return landing.path;
  return consoleLinkTo(tenant, landing.path as `/console${string}`);
}
