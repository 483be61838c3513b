import { Alert } from "@mw/ui/alert";
import Link from "next/link";
import { AuthCard } from "../../../../../../components/auth-card";
import { MagicLinkConfirm } from "../../../../../../components/magic-link-confirm";
import { getTenantProfileOrThrow } from "../../../../../../lib/tenant";

export const metadata = { title: "Sign in", robots: { index: false } };

/** Where e-mailed sign-in links land: one click confirms (the link itself changes nothing). */
export default async function MagicLinkPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenantId: string }>;
  searchParams: Promise<{ token?: string }>;
}) {
  const t = await getTenantProfileOrThrow((await params).tenantId);
  const { token } = await searchParams;
  return (
    <AuthCard title={`Sign in to ${t.name}`}>
      {token ? (
        <MagicLinkConfirm token={token} tenantName={t.name} />
      ) : (
        <Alert tone="danger">
          This sign-in link is incomplete.{" "}
          <Link className="font-medium text-primary underline-offset-4 hover:underline" href="/sign-in">
            Request a new one
          </Link>
          .
        </Alert>
      )}
    </AuthCard>
  );
}
