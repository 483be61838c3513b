// POST /baseline/webhook – benchmark baseline only (BENCH_BASELINE=1): a bare Next route handler
import { benchBaselineEnabled } from "../../../lib/bench-env";

export const dynamic = "force-dynamic";

/** Reads the body and answers 2xx, like the webhook route minus verification and the inbox. */
export async function POST(request: Request) {
  if (!benchBaselineEnabled) return new Response(null, { status: 404 });
  await request.text();
  return Response.json({ received: true }, { headers: { "cache-control": "no-store" } });
}
