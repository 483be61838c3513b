import { verifyAuditChain } from "@mw/core/audit";
import { log } from "@mw/core/observability";
import { Badge } from "@mw/ui/badge";
import { ShieldAlert, ShieldCheck } from "lucide-react";
import { controlDb } from "../../../../lib/db";

const REASONS = {
  hash_mismatch: "was altered after it was written",
  sequence_gap: "follows a gap: events before it are missing",
  head_mismatch: "is missing: the log ends before its recorded end",
} as const;

/**
 * Recomputes the tenant's hash chain (fast: tens of thousands of events per second) and says
 * whether the log is intact. Streamed in under Suspense so the table never waits for it.
 */
export async function ChainBadge({ tenantId }: { tenantId: string }) {
  try {
    const verdict = await verifyAuditChain(controlDb(), tenantId);
    if (verdict.ok) {
      return (
        <Badge tone="success" data-testid="audit-chain" data-ok="true" title="Hash chain verified">
          <ShieldCheck aria-hidden className="size-3.5" />
          Integrity verified · {verdict.events} event{verdict.events === 1 ? "" : "s"}
        </Badge>
      );
    }
    return (
      <Badge tone="danger" data-testid="audit-chain" data-ok="false" role="alert" title={verdict.detail}>
        <ShieldAlert aria-hidden className="size-3.5" />
        Tampering detected: event #{verdict.seq}
        {verdict.eventId ? ` (${verdict.eventId})` : ""} {REASONS[verdict.reason]}
      </Badge>
    );
  } catch (err) {
    log.error({ err }, "audit chain verification failed");
    return <Badge tone="warning">Integrity check unavailable</Badge>;
  }
}
