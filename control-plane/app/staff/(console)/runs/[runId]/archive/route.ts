// GET /staff/runs/:runId/archive – download the data archive an offboarding run exported
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { basename, isAbsolute } from "node:path";
import { Readable } from "node:stream";
import { staffCan } from "@mw/core/authz";
import { DomainError } from "@mw/core/errors";
import { getRun } from "@mw/provisioning";
import { NextResponse } from "next/server";
import { currentStaff, staffCtx } from "../../../../../../lib/staff-session";

export async function GET(_request: Request, { params }: { params: Promise<{ runId: string }> }) {
  const staff = await currentStaff();
  if (!staff)
    return NextResponse.json({ error: { code: "unauthenticated", message: "Sign in as staff." } }, { status: 401 });
  if (!staffCan(staff.ability, "platform.tenant.offboard")) {
    return NextResponse.json(
      { error: { code: "forbidden", message: "Your staff role cannot download tenant data." } },
      { status: 403 },
    );
  }
  const { runId } = await params;
  type ArchiveOutput = { path?: unknown; sha256?: unknown };
  let output: ArchiveOutput | undefined;
  try {
    const { run, steps } = await getRun({ ctx: await staffCtx(), input: { runId } });
    const step = steps.find((s) => s.stepId === "export-data" && s.status === "succeeded");
    output = run.kind === "offboard" && step ? (step.output as ArchiveOutput) : undefined;
  } catch (err) {
    if (err instanceof DomainError)
      return NextResponse.json({ error: { code: err.code, message: err.message } }, { status: err.status });
    throw err;
  }
  const path = output?.path;
  // Only archives the worker wrote (absolute .json.gz paths it recorded) are ever served.
  if (typeof path !== "string" || !isAbsolute(path) || !path.endsWith(".json.gz")) {
    return NextResponse.json(
      { error: { code: "not_found", message: "This run has no data archive." } },
      { status: 404 },
    );
  }
  const info = await stat(path).catch(() => null);
  if (!info?.isFile())
    return NextResponse.json(
      { error: { code: "not_found", message: "The archive is no longer on disk." } },
      { status: 404 },
    );
  return new Response(Readable.toWeb(createReadStream(path)) as ReadableStream, {
    headers: {
      "content-type": "application/gzip",
      "content-length": String(info.size),
      "content-disposition": `attachment; filename="${basename(path)}"`,
      ...(typeof output?.sha256 === "string" ? { "x-content-sha256": output.sha256 } : {}),
      "cache-control": "no-store",
    },
  });
}
