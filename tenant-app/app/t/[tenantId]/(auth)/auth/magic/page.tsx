import Link from "next/link";
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
    <section>
      <h1>Sign in to {t.name}</h1>
      {token ? (
        <MagicLinkConfirm token={token} tenantName={t.name} />
      ) : (
        <p className="mw-alert error" role="alert">
          This sign-in link is incomplete. <Link href="/sign-in">Request a new one</Link>.
        </p>
      )}
    </section>
  );
}
