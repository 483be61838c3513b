import { LocalTime } from "@mw/core/ui/local-time";
import { listRuns } from "@mw/provisioning";
import Link from "next/link";
import { staffCtx } from "../../../../lib/staff-session";

export const metadata = { title: "Provisioning runs" };

export default async function RunsPage() {
  const runs = await listRuns({ ctx: await staffCtx(), input: { limit: 100 } });
  return (
    <>
      <h1>Provisioning runs</h1>
      <table className="cp-table">
        <thead>
          <tr>
            <th>Run</th>
            <th>Kind</th>
            <th>Status</th>
            <th>Step</th>
            <th>Started</th>
          </tr>
        </thead>
        <tbody>
          {runs.map(({ run }) => (
            <tr key={run.id}>
              <td>
                <Link href={`/staff/runs/${run.id}`}>{run.id}</Link>
              </td>
              <td>{run.kind}</td>
              <td>
                <span className={`cp-status ${run.status}`}>{run.status}</span>
              </td>
              <td>{run.currentStep ?? "—"}</td>
              <td className="cp-muted">
                <LocalTime date={run.createdAt} relative />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {runs.length === 0 ? <p className="cp-muted">No runs yet.</p> : null}
    </>
  );
}
