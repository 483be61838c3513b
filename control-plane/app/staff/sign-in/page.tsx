import { safeNext } from "@mw/core/transport";
import { StaffSignInForm } from "../../../components/staff-forms";

export const metadata = { title: "Staff sign in" };

export default async function StaffSignIn({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  return (
    <main className="cp-main" style={{ maxWidth: 520 }}>
      <h1>MusicalWheel staff</h1>
      <StaffSignInForm next={safeNext(next, "/staff")} />
    </main>
  );
}
