import { Alert } from "@mw/ui/alert";
import Link from "next/link";
import { AuthCard } from "../../../../../../components/auth-card";
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
    <AuthCard title={`Join ${t.name}`}>
      {token ? (
        <SignUpConfirm token={token} tenantName={t.name} />
      ) : (
        <Alert tone="danger">
          This confirmation link is incomplete.{" "}
          <Link className="font-medium text-primary underline-offset-4 hover:underline" href="/sign-up">
            Sign up again
          </Link>
          .
        </Alert>
      )}
    </AuthCard>
  );
}
