"use client";

import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

// The same chart style as the tenant site's analytics (tenant-app/components/analytics-charts.tsx):
// theme variables for every colour, so the chart follows light and dark mode.
const axis = { stroke: "var(--mw-color-muted-foreground)", fontSize: 12 } as const;
const tooltipStyle = {
  background: "var(--mw-color-surface)",
  color: "var(--mw-color-surface-foreground)",
  border: "1px solid var(--mw-color-border)",
  borderRadius: "var(--mw-radius)",
} as const;

export interface UsageDay {
  date: string;
  /** Null for days of the period still ahead. */
  value: number | null;
  cumulative: number | null;
}

const number = new Intl.NumberFormat();
/** "2026-12-03" → "Dec 3" in the reader's locale (a calendar day: no time zone shift). */
function dayLabel(date: string): string {
  return new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", timeZone: "UTC" }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

/**
 * A meter's running total against the billing period: the x-axis spans the whole period, the area
 * stops at today. The tooltip (keyboard reachable: focus the chart, then the arrow keys) gives the
 * day's count and the total so far.
 */
export function UsageChart({ name, days, testId }: { name: string; days: UsageDay[]; testId: string }) {
  const rows = days.map((d) => ({ ...d, label: dayLabel(d.date) }));
  return (
    // min-w-0: inside a grid, a chart wider than its column (after a resize) must not hold it open.
    <div className="h-56 w-full min-w-0 overflow-hidden" data-testid={testId}>
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={rows} accessibilityLayer margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid vertical={false} stroke="var(--mw-color-border)" strokeOpacity={0.35} />
          <XAxis dataKey="label" tick={axis} tickLine={false} axisLine={false} minTickGap={16} />
          <YAxis allowDecimals={false} tick={axis} tickLine={false} axisLine={false} width={48} />
          <Tooltip
            contentStyle={tooltipStyle}
            formatter={(value, _key, item) => [
              `${number.format(Number(value))} (${number.format((item.payload as UsageDay).value ?? 0)} that day)`,
              `${name} so far`,
            ]}
          />
          <Area
            type="monotone"
            dataKey="cumulative"
            name={name}
            stroke="var(--mw-color-primary)"
            fill="var(--mw-color-primary)"
            fillOpacity={0.15}
            strokeWidth={2}
            isAnimationActive={false}
          />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
