import { staffCan } from "@mw/core/authz";
import { NotFoundError, ValidationError } from "@mw/core/errors";
import { getRun } from "@mw/provisioning";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AutoRefresh } from "../../../../../components/auto-refresh";
import { ParkedRunActions } from "../../../../../components/staff-forms";
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
  return (
    <>
      <AutoRefresh active={LIVE.has(run.status)} />
      <div className="cp-spread">
        <h1 style={{ marginBottom: 0 }}>
          {run.kind === "onboard" ? "Onboarding" : run.kind === "offboard" ? "Offboarding" : "Reconcile"} run
        </h1>
        <span className={`cp-status ${run.status}`} data-testid="run-status">
          {run.status}
        </span>
      </div>
      <p className="cp-muted">
        {run.id}
        {run.forTenantId ? (
          <>
            {" "}
            · tenant <Link href={`/staff/tenants/${run.forTenantId}`}>{run.forTenantId}</Link>
          </>
        ) : null}
      </p>
      {run.lastError ? (
        <p className="mw-alert error" role="alert">
          {run.lastError}
        </p>
      ) : null}
      <table className="cp-table" data-testid="run-steps">
        <thead>
          <tr>
            <th>#</th>
            <th>Step</th>
            <th>Status</th>
            <th>Attempts</th>
            <th>Error</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((s) => (
            <tr key={s.stepId} data-step={s.stepId}>
              <td>{s.position + 1}</td>
              <td>{s.stepId}</td>
              <td>
                <span className={`cp-status ${s.status}`}>{s.status}</span>
              </td>
              <td>{s.attempts}</td>
              <td className="cp-muted">{s.lastError ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {notConnected.length > 0 ? (
        <div className="mw-alert error" role="alert" data-testid="domains-not-connected" style={{ marginTop: 16 }}>
          Not connected (the owner can add them later under Domains):
          <ul>
            {notConnected.map((d) => (
              <li key={d.hostname}>
                {d.hostname}: {d.notConnected}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {archive ? (
        <p style={{ marginTop: 16 }}>
          <a className="cp-button ghost" href={`/staff/runs/${run.id}/archive`} data-testid="archive-link">
            Download the data archive
          </a>{" "}
          <span className="cp-muted">
            {Math.ceil(archive.size / 1024)} KiB · sha256 {archive.sha256.slice(0, 16)}…
          </span>
        </p>
      ) : null}
      {canAct && run.status === "parked" ? (
        <ParkedRunActions runId={run.id} canCancel={run.kind === "onboard"} />
      ) : null}
    </>
  );
}
