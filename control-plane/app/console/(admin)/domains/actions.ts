"use server";

import { PreconditionFailedError } from "@mw/core/errors";
import type { ActionResult } from "@mw/core/transport";
import { formValues } from "@mw/core/transport";
import { addCustomDomain, removeCustomDomain, setPrimaryDomain, verifyCustomDomain } from "@mw/core/verbs";
import { field, runAction } from "../../../../lib/console/action";
import { domainDns, domainHosting, domainProblem } from "../../../../lib/console/hosting";
import { revalidateTenantRuntime } from "../../../../lib/console/revalidate";
import { consoleCtx } from "../../../../lib/console-session";

function hostingOrThrow() {
  const hosting = domainHosting();
  if (!hosting) {
    throw new PreconditionFailedError(
      "Custom domains are not set up on this platform yet. Contact MusicalWheel support.",
    );
  }
  return hosting;
}

export async function addDomainAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const values = formValues(form, ["hostname"]);
  return runAction(values, async () => {
    const ctx = await consoleCtx();
    const { domain, contested } = await addCustomDomain({
      ctx,
      input: { hostname: values.hostname ?? "" },
      hosting: hostingOrThrow(),
    });
    const next = `Create the DNS records shown below, then press "Check now".`;
    return contested
      ? `${domain.hostname} added. Another organization has also claimed it but has not proven it owns it: the first to prove ownership with its TXT record gets the domain. ${next}`
      : `${domain.hostname} added. ${next}`;
  });
}

export async function verifyDomainAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  return runAction({}, async () => {
    const ctx = await consoleCtx();
    const { domain, state, released } = await verifyCustomDomain({
      ctx,
      input: { domainId: field(form, "domainId") },
      hosting: hostingOrThrow(),
      dns: domainDns(),
    });
    // A domain that starts or stops serving changes what the runtime answers for that host.
    await revalidateTenantRuntime(ctx.tenant.id);
    if (domain.status === "verified") {
      const takenOver = released > 0 ? " Another organization's unproven claim on it has been released." : "";
      return state.misconfigured
        ? `${domain.hostname} is verified, but DNS does not point to us yet.${takenOver}`
        : `${domain.hostname} is verified and serving your site.${takenOver}`;
    }
    // The card shows the reason (domains.last_error) right under this message; do not repeat it.
    const why = domainProblem(state.verificationError?.code ?? domain.lastError);
    return { ok: false, message: `${domain.hostname} is not verified yet.${why ? " See below for what to fix." : ""}` };
  });
}

export async function setPrimaryDomainAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  return runAction({}, async () => {
    const ctx = await consoleCtx();
    const domain = await setPrimaryDomain({ ctx, input: { domainId: field(form, "domainId") } });
    await revalidateTenantRuntime(ctx.tenant.id);
    return `${domain.hostname} is now your primary address.`;
  });
}

export async function removeDomainAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  return runAction({}, async () => {
    const ctx = await consoleCtx();
    const removed = await removeCustomDomain({
      ctx,
      input: { domainId: field(form, "domainId") },
      hosting: hostingOrThrow(),
    });
    await revalidateTenantRuntime(ctx.tenant.id);
    return `${removed.hostname} removed.`;
  });
}
