import Link from "next/link";
import { AuthCard } from "../../../../../components/auth-card";
import { SignUpForm } from "../../../../../components/auth-forms";
import { getTenantProfileOrThrow } from "../../../../../lib/tenant";

export const metadata = { title: "Create your account" };

export default async function SignUpPage({ params }: { params: Promise<{ tenantId: string }> }) {
  const t = await getTenantProfileOrThrow((await params).tenantId);
  return (
    <AuthCard title={`Join ${t.name}`}>
      <SignUpForm />
      <p className="text-muted-foreground text-sm">
        Already a member?{" "}
        <Link className="font-medium text-primary underline-offset-4 hover:underline" href="/sign-in">
          Sign in
        </Link>
      </p>
    </AuthCard>
  );
}
