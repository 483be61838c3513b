import { sha256Hex } from "@mw/core/crypto";
import { readTenant, schema } from "@mw/core/db";
import { Alert } from "@mw/ui/alert";
import { and, eq } from "drizzle-orm";
import { AuthCard } from "../../../../../../components/auth-card";
import { AcceptInvitationForm } from "../../../../../../components/invite-form";
import { runtimeDb } from "../../../../../../lib/runtime";
import { getTenantProfileOrThrow, requireHostTenant } from "../../../../../../lib/tenant";

export const metadata = { title: "Accept your invitation" };

/** Invitation links from e-mail land here, on the inviting tenant's own host. */
export default async function InvitePage({ params }: { params: Promise<{ tenantId: string; token: string }> }) {
  const { tenantId, token } = await params;
  const tenant = await requireHostTenant(tenantId);
  const profile = await getTenantProfileOrThrow(tenantId);
  const [inv] =
    token.length >= 20 && token.length <= 200
      ? await readTenant(runtimeDb(), tenant.tenantId, (tx) =>
          tx
            .select({
              email: schema.invitations.email,
              status: schema.invitations.status,
              expiresAt: schema.invitations.expiresAt,
            })
            .from(schema.invitations)
            .where(
              and(eq(schema.invitations.tenantId, tenant.tenantId), eq(schema.invitations.tokenHash, sha256Hex(token))),
            ),
        )
      : [];
  const usable = inv && inv.status === "pending" && inv.expiresAt.getTime() > Date.now();
  return (
    <AuthCard title={`Join ${profile.name}`}>
      {usable ? (
        <AcceptInvitationForm token={token} email={inv.email} />
      ) : (
        <Alert tone="danger" data-testid="invitation-invalid">
          This invitation link is not valid any more. Ask an administrator of {profile.name} for a new one.
        </Alert>
      )}
    </AuthCard>
  );
}
