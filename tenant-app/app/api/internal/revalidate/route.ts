// POST /api/internal/revalidate – drop a tenant's cached pages (signed; called by the control plane and the NOTIFY listener)

import { env } from "@mw/core/env";
import { isId } from "@mw/core/ids";
import { checkDeclaredLength, refusalResponse } from "@mw/core/request-body";
import { isInternalHost, verifyRevalidation } from "@mw/core/transport";
import { revalidatePath } from "next/cache";
import { NextResponse } from "next/server";
import { z } from "zod";
import { runtimeEnv } from "../../../../lib/env";

const STATIC_TENANT_PATHS = [""] as const;

const Body = z.object({ tenantId: z.string().refine((v) => isId("tenant", v), "not a tenant id") }).strict();

/** Internal names besides loopback: where this process calls itself, and the configured ones. */
const internalHosts = [new URL(runtimeEnv.RUNTIME_INTERNAL_URL).hostname, ...runtimeEnv.INTERNAL_HOSTS];

export async function POST(request: Request) {
  // Only as the control plane and this process address it, never through a tenant's public host
  // (the Host as received: a client's X-Forwarded-Host names nothing here).
  if (!isInternalHost(request.headers.get("host"), internalHosts)) {
    return NextResponse.json({ error: { code: "not_found", message: "Not found." } }, { status: 404 });
  }
  // Outside proxy.ts (not a tenant page): its own bound, before the body is read (issue 8.4).
  const tooLarge = checkDeclaredLength(request.method, request.headers, 16 * 1024);
  if (tooLarge) return refusalResponse(tooLarge);
  const raw = await request.text();
  if (!verifyRevalidation(env.REVALIDATE_SECRET, raw, request.headers.get("x-mw-signature"))) {
    return NextResponse.json(
      { error: { code: "invalid_signature", message: "Bad or missing signature." } },
      { status: 401 },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return NextResponse.json(
      { error: { code: "invalid_json", message: "The body is not valid JSON." } },
      { status: 400 },
    );
  }
  const parsed = Body.safeParse(json);
  if (!parsed.success) {
    return NextResponse.json(
      { error: { code: "validation_failed", message: 'Expected {"tenantId": "ten_…"}.' } },
      { status: 422 },
    );
  }
  const body = parsed.data;
  // The tenant's statically cached pages, by literal path (a literal path takes no `type`; with
  // "layout" it matched nothing). Everything else under /t/<id> renders per request.
  for (const path of STATIC_TENANT_PATHS) revalidatePath(`/t/${body.tenantId}${path}`);
  return NextResponse.json({ revalidated: true, tenantId: body.tenantId });
}
