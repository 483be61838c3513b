import Link from "next/link";
import { SignUpConfirm } from "../../../../../../components/sign-up-confirm";
import { getTenantProfileOrThrow } from "../../../../../../lib/tenant";

export const metadata = { title: "Confirm your sign-up", robots: { index: false } };

/** Where e-mailed sign-up confirmations land: one click creates the account (the link itself changes nothing). */
export default async function ConfirmSignUpPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenantId: string }>;
  searchParams: Promise<{ token?: string }>;
}) {
  const t = await getTenantProfileOrThrow((await params).tenantId);
  const { token } = await searchParams;
  return (
    <section>
      <h1>Join {t.name}</h1>
      {token ? (
        <SignUpConfirm token={token} tenantName={t.name} />
      ) : (
        <p className="mw-alert error" role="alert">
          This confirmation link is incomplete. <Link href="/sign-up">Sign up again</Link>.
        </p>
      )}
    </section>
  );
}
