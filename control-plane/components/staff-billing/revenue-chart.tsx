"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface PlanBar {
  plan: string;
  /** In major units (dollars), for the axis. */
  mrr: number;
}

const axis = { stroke: "var(--mw-color-muted-foreground)", fontSize: 12 } as const;
const tooltipStyle = {
  background: "var(--mw-color-surface)",
  color: "var(--mw-color-surface-foreground)",
  border: "1px solid var(--mw-color-border)",
  borderRadius: "var(--mw-radius)",
} as const;

/**
 * MRR per plan as bars (the table beside it has the exact figures); the tooltip is reachable by
 * keyboard (accessibilityLayer: focus the chart, then the arrow keys).
 */
export function PlanMrrChart({ data, currency, locale }: { data: PlanBar[]; currency: string; locale: string }) {
  const money = new Intl.NumberFormat(locale, {
    style: "currency",
    currency: currency.toUpperCase(),
    maximumFractionDigits: 0,
  });
  const exact = new Intl.NumberFormat(locale, { style: "currency", currency: currency.toUpperCase() });
  return (
    <div className="h-64 w-full" data-testid="plan-mrr-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} accessibilityLayer margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid vertical={false} stroke="var(--mw-color-border)" strokeOpacity={0.35} />
          <XAxis dataKey="plan" tick={axis} tickLine={false} axisLine={false} interval={0} />
          <YAxis
            tick={axis}
            tickLine={false}
            axisLine={false}
            width={64}
            tickFormatter={(v: number) => money.format(v)}
          />
          <Tooltip
            contentStyle={tooltipStyle}
            cursor={{ fill: "var(--mw-color-muted)", opacity: 0.5 }}
            formatter={(v) => [exact.format(Number(v)), "MRR"]}
          />
          <Bar dataKey="mrr" name="MRR" fill="var(--mw-color-primary)" radius={[3, 3, 0, 0]} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
