import "server-only";
import { createResendMailer } from "@mw/core/adapters/resend";
import { renderMagicLinkEmail, senderAddress } from "@mw/core/email";
import type { MailCtx } from "@mw/core/sessions";
import type { ThemeTokens } from "@mw/themes";
import { runtimeEnv } from "./env";

const g = globalThis as unknown as { __mwMailer?: ReturnType<typeof createResendMailer> };

function mailer() {
  g.__mwMailer ??= createResendMailer({
    apiKey: runtimeEnv.RESEND_API_KEY,
    ...(runtimeEnv.RESEND_BASE_URL ? { baseUrl: runtimeEnv.RESEND_BASE_URL } : {}),
  });
  return g.__mwMailer;
}

/** Branded mail for one tenant: its theme, its name as the sender. */
export function tenantMail(tenant: { name: string }, tokens: ThemeTokens): MailCtx {
  return {
    mailer: mailer(),
    async renderMagicLink({ link, expiresInMinutes }) {
      const rendered = await renderMagicLinkEmail({ tenantName: tenant.name, tokens, link, expiresInMinutes });
      return { ...rendered, from: senderAddress(tokens, `no-reply@${runtimeEnv.MAIL_FROM_DOMAIN}`) };
    },
  };
}
