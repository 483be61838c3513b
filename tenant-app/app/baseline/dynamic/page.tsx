import { headers } from "next/headers";
import { BaselineShell } from "../shell";

// Benchmark baseline (BENCH_BASELINE=1 only): a bare dynamic Next page — reads the request headers,
// rendered per request, no database — shaped like the signed-in account page.
export const metadata = { title: "Baseline dynamic page" };

export default async function BaselineDynamicPage() {
  const h = await headers();
  return (
    <BaselineShell>
      <div className="mw-spread mw-muted" style={{ marginBottom: 20 }}>
        <span>
          Signed in as <strong>Baseline Member</strong> (member)
        </span>
      </div>
      <section className="mw-card">
        <h1>Your account</h1>
        <table className="mw-table">
          <tbody>
            <tr>
              <th>Name</th>
              <td>Baseline Member</td>
            </tr>
            <tr>
              <th>User agent</th>
              <td>{h.get("user-agent") ?? "—"}</td>
            </tr>
            <tr>
              <th>Host</th>
              <td>{h.get("host") ?? "—"}</td>
            </tr>
            <tr>
              <th>Rendered</th>
              <td>{new Date().toUTCString()}</td>
            </tr>
          </tbody>
        </table>
      </section>
    </BaselineShell>
  );
}
