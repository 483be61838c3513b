import { staffCan } from "@mw/core/authz";
import { schema } from "@mw/core/db";
import { NotFoundError, ValidationError } from "@mw/core/errors";
import { LocalTime } from "@mw/core/ui/local-time";
import { getRun } from "@mw/provisioning";
import { Alert } from "@mw/ui/alert";
import { Breadcrumbs } from "@mw/ui/breadcrumbs";
import { buttonVariants } from "@mw/ui/button";
import { PageHeader } from "@mw/ui/page-header";
import { Table, TBody, TD, TH, THead, TR } from "@mw/ui/table";
import { eq } from "drizzle-orm";
import { Download } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AutoRefresh } from "../../../../../components/auto-refresh";
import { ParkedRunActions } from "../../../../../components/staff-forms";
import { formatDuration, RUN_KIND, RunStatus } from "../../../../../components/staff-labels";
import { controlDb } from "../../../../../lib/db";
import { staffCtx } from "../../../../../lib/staff-session";

export const metadata = { title: "Provisioning run" };

const LIVE = new Set(["pending", "running", "cancelling"]);

export default async function RunPage({ params }: { params: Promise<{ runId: string }> }) {
  const { runId } = await params;
  const ctx = await staffCtx();
  const state = await getRun({ ctx, input: { runId } }).catch((err) => {
    if (err instanceof NotFoundError || err instanceof ValidationError) notFound();
    throw err;
  });
  const { run, steps } = state;
  const [tenant] = run.forTenantId
    ? await controlDb()
        .db.select({ name: schema.tenants.name, status: schema.tenants.status })
        .from(schema.tenants)
        .where(eq(schema.tenants.id, run.forTenantId))
    : [];
  const tenantName = tenant?.name ?? (run.input as { name?: string } | null)?.name ?? run.forTenantId;
  const canAct = staffCan(ctx.ability, "platform.provisioning.retry");
  const exported = steps.find((s) => s.stepId === "export-data" && s.status === "succeeded")?.output as
    | { size?: number; sha256?: string }
    | undefined;
  const archive =
    run.kind === "offboard" && typeof exported?.size === "number" && typeof exported.sha256 === "string"
      ? { size: exported.size, sha256: exported.sha256 }
      : null;
  // Domains the vendor or a race refused after the wizard's checks: the run went on without them.
  const domainsOutput = steps.find((s) => s.stepId === "custom-domains" && s.status === "succeeded")?.output as
    | { domains?: { hostname: string; notConnected?: string }[] }
    | undefined;
  const notConnected = (domainsOutput?.domains ?? []).filter((d) => typeof d.notConnected === "string");
  const title = `${RUN_KIND[run.kind] ?? run.kind} run`;
  const openTenant = run.status === "succeeded" && run.forTenantId && tenant && tenant.status !== "deleted";
  return (
    <>
      <AutoRefresh active={LIVE.has(run.status)} />
      <Breadcrumbs
        items={[{ label: "Runs", href: "/staff/runs" }, { label: tenantName ? `${title}: ${tenantName}` : title }]}
      />
      <PageHeader
        title={tenantName ? `${title}: ${tenantName}` : title}
        description={
          <>
            Started <LocalTime date={run.createdAt} /> · {formatDuration(run.createdAt, run.finishedAt ?? new Date())}
            {run.finishedAt ? "" : " so far"} · <span className="font-mono text-xs">{run.id}</span>
          </>
        }
        actions={
          <>
            <RunStatus status={run.status} testId="run-status" />
            {openTenant ? (
              <Link className={buttonVariants({ size: "sm" })} href={`/staff/tenants/${run.forTenantId}`}>
                Open tenant
              </Link>
            ) : null}
          </>
        }
      />
      {run.lastError ? (
        <Alert tone="danger" title="The run stopped" className="mb-4">
          {run.lastError}
        </Alert>
      ) : null}
      <Table label="Steps" data-testid="run-steps">
        <THead>
          <TR>
            <TH>#</TH>
            <TH>Step</TH>
            <TH>Status</TH>
            <TH>Attempts</TH>
            <TH>Duration</TH>
            <TH>Error</TH>
          </TR>
        </THead>
        <TBody>
          {steps.map((s) => (
            <TR key={s.stepId} data-step={s.stepId}>
              <TD>{s.position + 1}</TD>
              <TD className="font-mono text-xs">{s.stepId}</TD>
              <TD>
                <RunStatus status={s.status} />
              </TD>
              <TD>{s.attempts}</TD>
              <TD className="whitespace-nowrap">
                {s.startedAt
                  ? formatDuration(s.startedAt, s.finishedAt ?? (LIVE.has(run.status) ? new Date() : null))
                  : "—"}
              </TD>
              <TD className="text-muted-foreground">{s.lastError ?? ""}</TD>
            </TR>
          ))}
        </TBody>
      </Table>
      {notConnected.length > 0 ? (
        <Alert tone="warning" title="Not connected" className="mt-4" data-testid="domains-not-connected">
          <p>The owner can add them later under Domains.</p>
          <ul className="list-disc pl-5">
            {notConnected.map((d) => (
              <li key={d.hostname}>
                {d.hostname}: {d.notConnected}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {archive ? (
        <p className="mt-4 flex flex-wrap items-center gap-2">
          <a
            className={buttonVariants({ variant: "outline", size: "sm" })}
            href={`/staff/runs/${run.id}/archive`}
            data-testid="archive-link"
          >
            <Download aria-hidden /> Download the data archive
          </a>
          <span className="break-words text-muted-foreground text-sm">
            {Math.ceil(archive.size / 1024)} KiB · sha256{" "}
            <span className="[overflow-wrap:anywhere]">{archive.sha256.slice(0, 16)}…</span>
          </span>
        </p>
      ) : null}
      {run.status === "parked" ? (
        canAct ? (
          <ParkedRunActions runId={run.id} canCancel={run.kind === "onboard"} />
        ) : (
          <Alert tone="info" className="mt-6" data-testid="run-actions-refused">
            Retrying or cancelling a run needs a provisioning role; yours lets you watch it only.
          </Alert>
        )
      ) : null}
    </>
  );
}
