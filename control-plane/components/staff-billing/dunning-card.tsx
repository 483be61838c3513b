import type { TenantBilling } from "@mw/core/billing/staff";
import { LocalTime } from "@mw/core/ui/local-time";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@mw/ui/card";
import type { ReactNode } from "react";
import { DunningState } from "./labels";

const EXPLAIN: Record<string, string> = {
  ok: "Payments are up to date; every paid feature is available.",
  past_due:
    "A payment failed. Admins and billing managers see a banner and get reminder e-mails until the grace period ends.",
  restricted: "The grace period ended unpaid: paid features are off, data is kept.",
  suspended: "Unpaid for too long: the site shows the suspension page.",
};

/** Where the tenant stands in dunning, with the grace period; `action` extends it when allowed. */
export function DunningCard({ billing, action }: { billing: TenantBilling; action?: ReactNode }) {
  const t = billing.tenant;
  return (
    <Card>
      <CardHeader>
        <div>
          <CardTitle>Dunning</CardTitle>
          <CardDescription>{EXPLAIN[t.dunningState] ?? ""}</CardDescription>
        </div>
        <DunningState status={t.dunningState} testId="dunning-state" />
      </CardHeader>
      {t.dunningState === "ok" && !action ? (
        <div className="pb-5" />
      ) : (
        <CardContent className="grid gap-4">
          {t.dunningState !== "ok" ? (
            <dl className="grid grid-cols-2 gap-3 text-sm">
              <div>
                <dt className="text-muted-foreground">Since</dt>
                <dd>{t.dunningSince ? <LocalTime date={t.dunningSince} /> : "—"}</dd>
              </div>
              <div>
                <dt className="text-muted-foreground">Grace until</dt>
                <dd data-testid="grace-until">{t.graceUntil ? <LocalTime date={t.graceUntil} /> : "—"}</dd>
              </div>
            </dl>
          ) : null}
          {action ? <div className="flex flex-wrap gap-2">{action}</div> : null}
        </CardContent>
      )}
    </Card>
  );
}
