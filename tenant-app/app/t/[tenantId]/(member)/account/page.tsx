import { revokeOtherSessions } from "@mw/core/sessions";
import { LocalTime } from "@mw/core/ui/local-time";
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
  return (
    <section className="mw-card">
      <h1>Your account</h1>
      <table className="mw-table">
        <tbody>
          <tr>
            <th>Name</th>
            <td>{s.user.name || "—"}</td>
          </tr>
          <tr>
            <th>E-mail</th>
            <td>{s.user.email}</td>
          </tr>
          <tr>
            <th>Roles</th>
            <td>{s.roleKeys.join(", ")}</td>
          </tr>
          <tr>
            <th>Session expires</th>
            <td>
              <LocalTime date={s.expiresAt} relative />
            </td>
          </tr>
        </tbody>
      </table>
      <form action={signOutOthersAction} style={{ marginTop: 16 }}>
        <button className="mw-button ghost" type="submit">
          Sign out on all other devices
        </button>
      </form>
    </section>
  );
}
