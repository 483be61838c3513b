import { revokeOtherSessions } from "@mw/core/sessions";
import { LocalTime } from "@mw/core/ui/local-time";
import { Button } from "@mw/ui/button";
import { Card, CardContent, CardFooter } from "@mw/ui/card";
import { PageHeader } from "@mw/ui/page-header";
import { revalidatePath } from "next/cache";
import { authCtx, requireSession } from "../../../../../lib/session";

export const metadata = { title: "Your account" };

async function signOutOthersAction() {
  "use server";
  const s = await requireSession("/account");
  await revokeOtherSessions({ ctx: await authCtx(), session: s });
  revalidatePath("/account");
}

export default async function AccountPage({ params }: { params: Promise<{ tenantId: string }> }) {
  const s = await requireSession("/account", (await params).tenantId);
  const rows = [
    ["Name", s.user.name || "—"],
    ["E-mail", s.user.email],
    ["Roles", s.roleKeys.join(", ")],
    ["Session expires", <LocalTime key="expires" date={s.expiresAt} relative />],
  ] as const;
  return (
    <>
      <PageHeader title="Your account" />
      <Card className="max-w-2xl">
        <CardContent>
          <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-[10rem_1fr]">
            {rows.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="font-medium text-muted-foreground text-sm">{label}</dt>
                <dd className="min-w-0 break-words">{value}</dd>
              </div>
            ))}
          </dl>
        </CardContent>
        <CardFooter>
          <form action={signOutOthersAction}>
            <Button variant="outline" type="submit">
              Sign out on all other devices
            </Button>
          </form>
        </CardFooter>
      </Card>
    </>
  );
}
