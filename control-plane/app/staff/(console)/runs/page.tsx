import { LocalTime } from "@mw/core/ui/local-time";
import { listRuns } from "@mw/provisioning";
import { EmptyState } from "@mw/ui/empty-state";
import { PageHeader } from "@mw/ui/page-header";
import { Table, TBody, TD, TH, THead, TR } from "@mw/ui/table";
import { Workflow } from "lucide-react";
import Link from "next/link";
import { formatDuration, RUN_KIND, RunStatus } from "../../../../components/staff-labels";
import { staffCtx } from "../../../../lib/staff-session";
import { tenantNames } from "../../../../lib/tenant-names";

export const metadata = { title: "Provisioning runs" };

export default async function RunsPage() {
  const runs = await listRuns({ ctx: await staffCtx(), input: { limit: 100 } });
  const names = await tenantNames(runs.map(({ run }) => run.forTenantId));
  const label = (run: (typeof runs)[number]["run"]) =>
    (run.forTenantId ? names.get(run.forTenantId) : undefined) ??
    (run.input as { name?: string } | null)?.name ??
    run.forTenantId ??
    run.id;
  return (
    <>
      <PageHeader
        title="Provisioning runs"
        description={`The ${runs.length} newest onboarding, offboarding and reconcile runs.`}
      />
      {runs.length === 0 ? (
        <EmptyState icon={Workflow} title="No runs yet" description="Onboarding a customer starts one." />
      ) : (
        <Table label="Provisioning runs">
          <THead>
            <TR>
              <TH>Tenant</TH>
              <TH>Kind</TH>
              <TH>Status</TH>
              <TH>Step</TH>
              <TH>Started</TH>
              <TH>Duration</TH>
            </TR>
          </THead>
          <TBody>
            {runs.map(({ run }) => (
              <TR key={run.id}>
                <TD>
                  <Link className="font-medium text-foreground hover:underline" href={`/staff/runs/${run.id}`}>
                    {label(run)}
                  </Link>
                  <div className="font-mono text-muted-foreground text-xs">{run.id}</div>
                </TD>
                <TD>{RUN_KIND[run.kind] ?? run.kind}</TD>
                <TD>
                  <RunStatus status={run.status} />
                </TD>
                <TD className="font-mono text-xs">{run.currentStep ?? "—"}</TD>
                <TD className="whitespace-nowrap text-muted-foreground">
                  <LocalTime date={run.createdAt} relative />
                </TD>
                <TD className="whitespace-nowrap">
                  {run.finishedAt ? formatDuration(run.createdAt, run.finishedAt) : "—"}
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </>
  );
}
