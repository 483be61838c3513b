// GET /console/audit/export?format=csv|json&…filters – download the tenant's audit log
import { emitAudit, exportAuditEvents } from "@mw/core/audit";
import { can } from "@mw/core/authz";
import { withTenant } from "@mw/core/db";
import { newId } from "@mw/core/ids";
import { log } from "@mw/core/observability";
import { featureAvailability } from "@mw/core/product";
import type { NextRequest } from "next/server";
import { parseAuditSearch } from "../../../../../lib/console/audit";
import { currentConsole } from "../../../../../lib/console-session";
import { controlDb } from "../../../../../lib/db";
import { metaOf } from "../../../../../lib/request-meta";

const TYPES = { csv: "text/csv; charset=utf-8", json: "application/json; charset=utf-8" } as const;

function problem(status: number, code: string, message: string, fields?: Record<string, string[]>) {
  return Response.json({ error: { code, message, ...(fields ? { fields } : {}) } }, { status });
}

export async function GET(request: NextRequest) {
  const c = await currentConsole();
  if (!c) return problem(401, "unauthenticated", "Sign in to the admin console first.");
  if (!can(c.session.ability, "audit.export")) {
    return problem(403, "forbidden", 'Exporting the audit log needs the "audit.export" permission.');
  }
  const gate = featureAvailability(
    { plan: c.tenant.plan, status: c.tenant.status, entitlements: c.entitlements },
    "audit_export",
    { dunning: c.dunning.state },
  );
  if (!gate.available) return problem(402, "feature_unavailable", gate.adminMessage);

  const params = request.nextUrl.searchParams;
  const format = params.get("format") ?? "csv";
  if (format !== "csv" && format !== "json") return problem(422, "validation_failed", "format must be csv or json.");
  const { filter, errors } = parseAuditSearch(params);
  if (!filter) return problem(422, "validation_failed", "Invalid filters.", errors);

  // Who took a copy of the log is itself worth knowing; recorded before the first byte goes out.
  await withTenant(controlDb(), c.tenant.id, (tx) =>
    emitAudit(
      tx,
      {
        actor: { type: "user", userId: c.session.user.id, membershipId: c.session.membershipId },
        requestId: newId("request"),
        ...metaOf(request.headers),
      },
      {
        action: "audit.export",
        target: { type: "tenant", id: c.tenant.id },
        after: {
          format,
          filter: Object.fromEntries(
            Object.entries(filter).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : String(v)]),
          ),
        },
      },
    ),
  );

  const events = exportAuditEvents(controlDb(), c.tenant.id, filter, format);
  const encoder = new TextEncoder();
  // Pull-based, so a slow client applies back-pressure to the database cursor; cancelling the
  // download ends the generator, which closes its read transaction and frees the connection.
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await events.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      } catch (err) {
        log.error({ err }, "audit export failed");
        controller.error(err);
      }
    },
    async cancel() {
      await events.return(undefined);
    },
  });
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "content-type": TYPES[format],
      "content-disposition": `attachment; filename="audit-${c.tenant.slug}-${stamp}.${format}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
