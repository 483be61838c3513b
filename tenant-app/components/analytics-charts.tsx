"use client";

import { formatCompact, formatNumber } from "@mw/core/ui/numbers";
import { EmptyState } from "@mw/ui/empty-state";
import { ChartNoAxesColumn } from "lucide-react";
import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

export interface MonthlyRow {
  month: string;
  artistsCreated: number;
  events: number;
  rsvps: number;
  membersJoined: number;
  members: number;
}

// Axes and tooltips in the viewer's locale (this module runs in the browser, where it is known).
const tick = (v: number) => formatCompact(v);
const value = (v: unknown) => (typeof v === "number" ? formatNumber(v) : String(v));

const axis = { stroke: "var(--mw-color-muted-foreground)", fontSize: 12 } as const;
const tooltipStyle = {
  background: "var(--mw-color-surface)",
  color: "var(--mw-color-surface-foreground)",
  border: "1px solid var(--mw-color-border)",
  borderRadius: "var(--mw-radius)",
} as const;

/** "2026-03" → "Mar 2026" in the reader's locale (a month has no time zone). */
function monthLabel(month: string): string {
  const [y, m] = month.split("-").map(Number);
  if (!y || !m) return month;
  return new Intl.DateTimeFormat(undefined, { month: "short", year: "numeric", timeZone: "UTC" }).format(
    Date.UTC(y, m - 1, 1),
  );
}

/**
 * New artists and events per month as grouped bars, with axes, a legend and a tooltip reachable by
 * keyboard (accessibilityLayer: focus the chart, then the arrow keys). No activity at all is an
 * empty state rather than a flat line at zero.
 */
export function MonthlyChart({ data }: { data: MonthlyRow[] }) {
  if (data.every((d) => d.artistsCreated === 0 && d.events === 0)) {
    return (
      <EmptyState
        icon={ChartNoAxesColumn}
        title="No new artists or events in the last 12 months"
        description="The chart fills in as members add artists and schedule events."
      />
    );
  }
  const rows = data.map((d) => ({ ...d, label: monthLabel(d.month) }));
  return (
    <div className="h-72 w-full" data-testid="monthly-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} accessibilityLayer margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid vertical={false} stroke="var(--mw-color-border)" strokeOpacity={0.35} />
          <XAxis dataKey="label" tick={axis} tickLine={false} axisLine={false} minTickGap={12} />
          <YAxis allowDecimals={false} tick={axis} tickLine={false} axisLine={false} width={48} tickFormatter={tick} />
          <Tooltip
            contentStyle={tooltipStyle}
            cursor={{ fill: "var(--mw-color-muted)", opacity: 0.5 }}
            formatter={value}
          />
          <Legend wrapperStyle={{ fontSize: 13 }} />
          <Bar dataKey="artistsCreated" name="New artists" fill="var(--mw-color-primary)" radius={[3, 3, 0, 0]} />
          <Bar dataKey="events" name="New events" fill="var(--mw-color-accent)" radius={[3, 3, 0, 0]} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** The totals side by side (artists, events, RSVPs, members), same accessible bars. */
export function TotalsChart({ totals }: { totals: { label: string; value: number }[] }) {
  if (totals.every((t) => t.value === 0)) {
    return <EmptyState icon={ChartNoAxesColumn} title="Nothing to chart yet" />;
  }
  return (
    <div className="h-64 w-full" data-testid="totals-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={totals} accessibilityLayer margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid vertical={false} stroke="var(--mw-color-border)" strokeOpacity={0.35} />
          <XAxis dataKey="label" tick={axis} tickLine={false} axisLine={false} interval={0} />
          <YAxis allowDecimals={false} tick={axis} tickLine={false} axisLine={false} width={48} tickFormatter={tick} />
          <Tooltip
            contentStyle={tooltipStyle}
            cursor={{ fill: "var(--mw-color-muted)", opacity: 0.5 }}
            formatter={value}
          />
          <Legend wrapperStyle={{ fontSize: 13 }} />
          <Bar dataKey="value" name="Total" fill="var(--mw-color-primary)" radius={[3, 3, 0, 0]} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/**
 * RSVPs given and members joined per month as bars, and the member count at each month's end as a
 * line on its own axis (a total dwarfs the monthly figures). Nobody answering and nobody joining in
 * 12 months is an empty state, not two rows of zeros.
 */
export function EngagementChart({ data }: { data: MonthlyRow[] }) {
  if (data.every((d) => d.rsvps === 0 && d.membersJoined === 0)) {
    return (
      <EmptyState
        icon={ChartNoAxesColumn}
        title="No RSVPs or new members in the last 12 months"
        description="The chart fills in as members answer events and people join."
      />
    );
  }
  const rows = data.map((d) => ({ ...d, label: monthLabel(d.month) }));
  return (
    <div className="h-72 w-full" data-testid="engagement-chart">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={rows} accessibilityLayer margin={{ top: 8, right: 0, bottom: 0, left: -16 }}>
          <CartesianGrid vertical={false} stroke="var(--mw-color-border)" strokeOpacity={0.35} />
          <XAxis dataKey="label" tick={axis} tickLine={false} axisLine={false} minTickGap={12} />
          <YAxis
            yAxisId="monthly"
            allowDecimals={false}
            tick={axis}
            tickLine={false}
            axisLine={false}
            width={48}
            tickFormatter={tick}
          />
          <YAxis
            yAxisId="total"
            orientation="right"
            allowDecimals={false}
            tick={axis}
            tickLine={false}
            axisLine={false}
            width={40}
            tickFormatter={tick}
          />
          <Tooltip
            contentStyle={tooltipStyle}
            cursor={{ fill: "var(--mw-color-muted)", opacity: 0.5 }}
            formatter={value}
          />
          <Legend wrapperStyle={{ fontSize: 13 }} />
          <Bar yAxisId="monthly" dataKey="rsvps" name="RSVPs" fill="var(--mw-color-primary)" radius={[3, 3, 0, 0]} />
          <Bar
            yAxisId="monthly"
            dataKey="membersJoined"
            name="New members"
            fill="var(--mw-color-accent)"
            radius={[3, 3, 0, 0]}
          />
          <Line
            yAxisId="total"
            dataKey="members"
            name="Members (total)"
            type="monotone"
            stroke="var(--mw-color-foreground)"
            strokeWidth={2}
            dot={{ r: 2 }}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
