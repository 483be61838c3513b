import { safeNext } from "@mw/core/transport";
import { Card, CardContent, CardDescription, CardHeader } from "@mw/ui/card";
import Link from "next/link";
import { StaffSignInForm } from "../../../components/staff-forms";

export const metadata = { title: "Staff sign in" };

export default async function StaffSignIn({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  return (
    <main className="grid min-h-dvh place-items-center bg-background px-4 py-10 text-foreground">
      <div className="w-full max-w-sm space-y-4">
        <Link href="/" className="block text-center font-heading font-semibold text-foreground">
          MusicalWheel
        </Link>
        <Card>
          <CardHeader>
            <h1 className="font-semibold text-xl tracking-tight">Staff sign in</h1>
            <CardDescription>
              For MusicalWheel staff. Organization administrators sign in to the admin console.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <StaffSignInForm next={safeNext(next, "/staff")} />
          </CardContent>
        </Card>
        <p className="text-center text-muted-foreground text-sm">
          <Link className="underline" href="/console/sign-in">
            Admin console sign-in
          </Link>
        </p>
      </div>
    </main>
  );
}
