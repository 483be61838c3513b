import { Card } from "@mw/ui/card";
import type { ReactNode } from "react";

/** One headline figure: its name, the value large, and a line of context under it. */
export function Stat({
  label,
  value,
  note,
  testId,
}: {
  label: string;
  value: ReactNode;
  note?: ReactNode;
  testId?: string;
}) {
  return (
    <Card className="px-5 py-4">
      <p className="text-muted-foreground text-sm">{label}</p>
      <p className="mt-1 font-semibold text-2xl tabular-nums tracking-tight" data-testid={testId}>
        {value}
      </p>
      {note ? <p className="mt-1 text-muted-foreground text-xs">{note}</p> : null}
    </Card>
  );
}
