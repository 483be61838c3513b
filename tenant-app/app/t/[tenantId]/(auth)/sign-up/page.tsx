import Link from "next/link";
import { SignUpForm } from "../../../../../components/auth-forms";
import { getTenantProfileOrThrow } from "../../../../../lib/tenant";

export const metadata = { title: "Create your account" };

export default async function SignUpPage({ params }: { params: Promise<{ tenantId: string }> }) {
  const t = await getTenantProfileOrThrow((await params).tenantId);
  return (
    <section>
      <h1>Join {t.name}</h1>
      <SignUpForm />
      <p className="mw-muted">
        Already a member? <Link href="/sign-in">Sign in</Link>
      </p>
    </section>
  );
}
