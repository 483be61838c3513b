import { headers } from "next/headers";
import { BaselineShell } from "../shell";

// Benchmark baseline (BENCH_BASELINE=1 only): a bare dynamic Next page — reads the request headers,
// rendered per request, no database — shaped like the signed-in account page.
export const metadata = { title: "Baseline dynamic page" };

export default async function BaselineDynamicPage() {
  const h = await headers();
  return (
    <BaselineShell>
      <div className="mb-6 border-border/35 border-b pb-4 text-muted-foreground text-sm">
        <span data-testid="signed-in-as">
          Signed in as <strong className="text-foreground">Baseline Member</strong> (member)
        </span>
      </div>
      <h1 className="mb-6 font-semibold text-2xl">Your account</h1>
      <section className="rounded-lg border border-border/40 bg-surface p-5 text-surface-foreground">
        <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-[10rem_1fr]">
          <dt className="font-medium text-muted-foreground text-sm">Name</dt>
          <dd>Baseline Member</dd>
          <dt className="font-medium text-muted-foreground text-sm">User agent</dt>
          <dd className="break-words">{h.get("user-agent") ?? "—"}</dd>
          <dt className="font-medium text-muted-foreground text-sm">Host</dt>
          <dd>{h.get("host") ?? "—"}</dd>
          <dt className="font-medium text-muted-foreground text-sm">Rendered</dt>
          <dd>{new Date().toISOString()}</dd>
        </dl>
      </section>
    </BaselineShell>
  );
}
