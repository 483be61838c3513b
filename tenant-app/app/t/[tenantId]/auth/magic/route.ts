// GET /auth/magic?token=… – redeem an e-mailed sign-in link on the tenant's host
import { DomainError } from "@mw/core/errors";
import { NextResponse } from "next/server";
import { tenantOrigin } from "../../../../../lib/host";
import { redeemMagicLink } from "../../(auth)/actions";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const origin = tenantOrigin(request.headers);
  try {
    await redeemMagicLink(token);
    return NextResponse.redirect(`${origin}/artists`, 303);
  } catch (err) {
    const reason = err instanceof DomainError ? err.message : "This sign-in link could not be used.";
    if (!(err instanceof DomainError)) console.error("[runtime] magic link failed", err);
    return NextResponse.redirect(`${origin}/sign-in?error=${encodeURIComponent(reason)}`, 303);
  }
}
