// POST /api/internal/revalidate – drop a tenant's cached pages (signed; called by the control plane and the NOTIFY listener)
import { isId } from "@mw/core/ids";
import { revalidatePath } from "next/cache";
import { NextResponse } from "next/server";
import { z } from "zod";
import { runtimeEnv } from "../../../../lib/env";
import { verifyRevalidation } from "../../../../lib/revalidate-signature";

const Body = z.object({ tenantId: z.string().refine((v) => isId("tenant", v), "not a tenant id") }).strict();

export async function POST(request: Request) {
  const raw = await request.text();
  if (!verifyRevalidation(runtimeEnv.REVALIDATE_SECRET, raw, request.headers.get("x-mw-signature"))) {
    return NextResponse.json(
      { error: { code: "invalid_signature", message: "Bad or missing signature." } },
      { status: 401 },
    );
  }
  let body: z.infer<typeof Body>;
  try {
    body = Body.parse(JSON.parse(raw));
  } catch {
    return NextResponse.json(
      { error: { code: "validation_failed", message: 'Expected {"tenantId": "ten_…"}.' } },
      { status: 422 },
    );
  }
  // Every page under the tenant's segment: home, auth pages, status pages.
  revalidatePath(`/t/${body.tenantId}`, "layout");
  return NextResponse.json({ revalidated: true, tenantId: body.tenantId });
}
