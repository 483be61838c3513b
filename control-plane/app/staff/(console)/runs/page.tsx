import { runStatus } from "@mw/core/schema";
import { LocalTime } from "@mw/core/ui/local-time";
import { formatCount, formatNumber } from "@mw/core/ui/numbers";
import { countRuns, listRuns } from "@mw/provisioning";
import { buttonVariants } from "@mw/ui/button";
import { EmptyState } from "@mw/ui/empty-state";
import { Select } from "@mw/ui/input";
import { PageHeader } from "@mw/ui/page-header";
import { Table, TBody, TD, TH, THead, TR } from "@mw/ui/table";
import { Workflow } from "lucide-react";
import Link from "next/link";
import { Pagination } from "../../../../components/pagination";
import { formatDuration, RUN_KIND, RunStatus, runStatusLabel } from "../../../../components/staff-labels";
import { viewerLocale } from "../../../../lib/locale";
import { staffCtx } from "../../../../lib/staff-session";
import { tenantNames } from "../../../../lib/tenant-names";

export const metadata = { title: "Provisioning runs" };

const STATUSES = runStatus.enumValues;
const PAGE_SIZE = 25;

export default async function RunsPage({
  searchParams,
}: {
  searchParams: Promise<{ status?: string; page?: string }>;
}) {
  const sp = await searchParams;
  const ctx = await staffCtx();
  const locale = await viewerLocale();
  const n = (v: number) => formatNumber(v, locale);
  const { byStatus, total: all } = await countRuns({ ctx });
  const status = STATUSES.find((s) => s === sp.status);
  const total = status ? (byStatus[status] ?? 0) : all;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(pages, Math.max(1, Number.parseInt(sp.page ?? "1", 10) || 1));
  const runs = await listRuns({
    ctx,
    input: { ...(status ? { status } : {}), limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE },
  });
  const names = await tenantNames(runs.map(({ run }) => run.forTenantId));
  const label = (run: (typeof runs)[number]["run"]) =>
    (run.forTenantId ? names.get(run.forTenantId) : undefined) ??
    (run.input as { name?: string } | null)?.name ??
    run.forTenantId ??
    run.id;
  const present = STATUSES.filter((s) => (byStatus[s] ?? 0) > 0);
  return (
    <>
      <PageHeader
        title="Provisioning runs"
        description={`${formatCount(all, "run", undefined, locale)}${
          present.length
            ? ` · ${present.map((s) => `${n(byStatus[s] ?? 0)} ${runStatusLabel(s).toLowerCase()}`).join(", ")}`
            : ""
        }. Onboarding, offboarding and reconcile runs, newest first.`}
      />
      <form className="mb-4 flex flex-wrap gap-2" aria-label="Filter runs">
        <Select name="status" defaultValue={status ?? ""} aria-label="Status" className="w-auto">
          <option value="">Any status ({n(all)})</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {runStatusLabel(s)} ({n(byStatus[s] ?? 0)})
            </option>
          ))}
        </Select>
        <button className={buttonVariants({ variant: "outline" })} type="submit">
          Filter
        </button>
      </form>
      {runs.length === 0 ? (
        <EmptyState
          icon={Workflow}
          title={status ? "No run has this status" : "No runs yet"}
          description={status ? "Try another status." : "Onboarding a customer starts one."}
        />
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
      <Pagination
        page={page}
        pages={pages}
        total={total}
        path="/staff/runs"
        params={status ? { status } : {}}
        noun="run"
        locale={locale}
      />
    </>
  );
}
