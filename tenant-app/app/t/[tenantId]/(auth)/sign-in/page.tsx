import { noticeFor } from "@mw/core/transport";
import { Alert } from "@mw/ui/alert";
import { buttonVariants } from "@mw/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@mw/ui/card";
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
      <section className="mx-auto grid max-w-md gap-4">
        <h1 className="font-heading font-semibold text-2xl tracking-tight">Sign in to {t.name}</h1>
        <p>This organization signs in with its identity provider.</p>
        {runtimeEnv.CLERK_SIGN_IN_URL ? (
          <a className={buttonVariants()} href={runtimeEnv.CLERK_SIGN_IN_URL}>
            Continue to sign in
          </a>
        ) : null}
      </section>
    );
  }
  return (
    <div className="grid items-start gap-6 md:grid-cols-2">
      <Card>
        <CardHeader className="block">
          <h1 className="font-heading font-semibold text-2xl tracking-tight">Sign in to {t.name}</h1>
        </CardHeader>
        <CardContent className="grid gap-4">
          {error ? <Alert tone="danger">{error}</Alert> : null}
          {/* No `next`: the action sends the member where their roles lead (lib/landing.ts). */}
          <SignInForm next={sp.next ? safeNext(sp.next) : ""} />
          <p className="text-muted-foreground text-sm">
            New here?{" "}
            <Link className="font-medium text-primary underline-offset-4 hover:underline" href="/sign-up">
              Create an account
            </Link>
          </p>
        </CardContent>
      </Card>
      <Card>
        <CardHeader className="block">
          <CardTitle>Or use a one-time link</CardTitle>
          <CardDescription>We&apos;ll e-mail you a link that signs you in, no password needed.</CardDescription>
        </CardHeader>
        <CardContent>
          <MagicLinkForm />
        </CardContent>
      </Card>
    </div>
  );
}
