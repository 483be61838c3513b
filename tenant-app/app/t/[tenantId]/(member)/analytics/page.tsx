import { can } from "@mw/core/authz";
import { getAnalyticsSummary } from "@mw/core/product";
import { LocalNumber } from "@mw/core/ui/local-number";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@mw/ui/card";
import { PageHeader } from "@mw/ui/page-header";
import { EngagementChart, MonthlyChart, TotalsChart } from "../../../../../components/analytics-charts";
import { NoticePage } from "../../../../../components/notice";
import { planGate } from "../../../../../lib/gates";
import { memberCtx, requireSession } from "../../../../../lib/session";

export const metadata = { title: "Analytics" };

export default async function AnalyticsPage({ params }: { params: Promise<{ tenantId: string }> }) {
  const session = await requireSession("/analytics", (await params).tenantId);
  const ctx = await memberCtx();
  if (!ctx) return null;
  const blocked = planGate(ctx, "analytics", "Analytics");
  if (blocked) return blocked;
  if (!can(session.ability, "analytics.read")) {
    return <NoticePage title="Analytics">Your role does not include analytics.</NoticePage>;
  }
  const { totals, monthly } = await getAnalyticsSummary({ ctx });
  const tiles = [
    { label: "Artists", value: totals.artists },
    { label: "Events", value: totals.events },
    { label: "Upcoming", value: totals.upcomingEvents },
    { label: "RSVPs", value: totals.rsvps },
    { label: "Members", value: totals.members },
  ];
  return (
    <>
      <PageHeader title="Analytics" description="Your organization's activity on this site." />
      <ul className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5" data-testid="analytics-totals">
        {tiles.map((t) => (
          <li key={t.label}>
            <Card className="px-4 py-3">
              <div className="text-muted-foreground text-sm">{t.label}</div>
              <div className="font-bold font-heading text-3xl tabular-nums">
                <LocalNumber value={t.value} />
              </div>
            </Card>
          </li>
        ))}
      </ul>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader className="block">
            <CardTitle>New artists and events per month</CardTitle>
            <CardDescription>The last 12 months.</CardDescription>
          </CardHeader>
          <CardContent>
            <MonthlyChart data={monthly} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader className="block">
            <CardTitle>RSVPs and members per month</CardTitle>
            <CardDescription>Answers given and people who joined, with the member count.</CardDescription>
          </CardHeader>
          <CardContent>
            <EngagementChart data={monthly} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader className="block">
            <CardTitle>Totals</CardTitle>
            <CardDescription>Artists, events, RSVPs and members today.</CardDescription>
          </CardHeader>
          <CardContent>
            <TotalsChart totals={tiles.filter((t) => t.label !== "Upcoming")} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
