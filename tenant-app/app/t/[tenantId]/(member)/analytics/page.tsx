import { can } from "@mw/core/authz";
import { getAnalyticsSummary } from "@mw/core/product";
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
    return (
      <section className="mw-card">
        <h1>Analytics</h1>
        <p>Your role does not include analytics.</p>
      </section>
    );
  }
  const { totals, monthly } = await getAnalyticsSummary({ ctx });
  const peak = Math.max(1, ...monthly.map((m) => m.artistsCreated + m.events));
  return (
    <>
      <h1>Analytics</h1>
      <div className="mw-grid" data-testid="analytics-totals">
        {(
          [
            ["Artists", totals.artists],
            ["Events", totals.events],
            ["Upcoming", totals.upcomingEvents],
            ["RSVPs", totals.rsvps],
            ["Members", totals.members],
          ] as const
        ).map(([label, n]) => (
          <div key={label} className="mw-card">
            <div className="mw-muted">{label}</div>
            <div style={{ fontSize: "2rem", fontWeight: 700 }}>{n}</div>
          </div>
        ))}
      </div>
      <section className="mw-card" style={{ marginTop: 20 }}>
        <h2 style={{ marginTop: 0 }}>New artists and events per month</h2>
        <div className="mw-chart" role="img" aria-label="Artists and events created per month, last 12 months">
          {monthly.map((m) => (
            <div
              key={m.month}
              title={`${m.month}: ${m.artistsCreated} artists, ${m.events} events`}
              style={{ height: `${((m.artistsCreated + m.events) / peak) * 100}%` }}
            />
          ))}
        </div>
        <div className="mw-spread mw-muted" style={{ fontSize: "0.8rem" }}>
          <span>{monthly[0]?.month}</span>
          <span>{monthly.at(-1)?.month}</span>
        </div>
      </section>
    </>
  );
}
