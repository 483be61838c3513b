import { BaselineHome, BaselineShell } from "../shell";

// Benchmark baseline (BENCH_BASELINE=1 only): a plain static Next page, prerendered at build time.
export const dynamic = "force-static";
export const metadata = { title: "Baseline static page" };

export default function BaselineStaticPage() {
  return (
    <BaselineShell>
      <BaselineHome />
    </BaselineShell>
  );
}
