import { noticeFor } from "@mw/core/transport";
import Link from "next/link";
import { MagicLinkForm, SignInForm } from "../../../../../components/auth-forms";
import { safeNext } from "../../../../../lib/action-result";
import { authProvider, runtimeEnv } from "../../../../../lib/env";
import { SIGN_IN_ERRORS } from "../../../../../lib/notices";
import { getTenantProfileOrThrow } from "../../../../../lib/tenant";

export const metadata = { title: "Sign in" };

export default async function SignInPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenantId: string }>;
  searchParams: Promise<{ next?: string; error?: string }>;
}) {
  const t = await getTenantProfileOrThrow((await params).tenantId);
  const sp = await searchParams;
  // A code from the table, never text from the link (a crafted link could say anything).
  const error = noticeFor(sp.error, SIGN_IN_ERRORS);
  if (authProvider === "clerk") {
    return (
      <section>
        <h1>Sign in to {t.name}</h1>
        <p>This organization signs in with its identity provider.</p>
        {runtimeEnv.CLERK_SIGN_IN_URL ? (
          <a className="mw-button" href={runtimeEnv.CLERK_SIGN_IN_URL}>
            Continue to sign in
          </a>
        ) : null}
      </section>
    );
  }
  return (
    <div className="mw-grid" style={{ gridTemplateColumns: "repeat(auto-fit, minmax(300px, 1fr))", gap: 32 }}>
      <section>
        <h1>Sign in to {t.name}</h1>
        {error ? (
          <div className="mw-alert error" role="alert">
            {error}
          </div>
        ) : null}
        <SignInForm next={safeNext(sp.next)} />
        <p className="mw-muted">
          New here? <Link href="/sign-up">Create an account</Link>
        </p>
      </section>
      <section>
        <h2>Or use a one-time link</h2>
        <p className="mw-muted">We&apos;ll e-mail you a link that signs you in, no password needed.</p>
        <MagicLinkForm />
      </section>
    </div>
  );
}
