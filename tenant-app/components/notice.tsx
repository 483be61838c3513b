import { Card, CardContent, CardHeader } from "@mw/ui/card";
import type { ReactNode } from "react";

/** A page that is only a message (a refusal, a paused site): the page's h1 and what to do next. */
export function NoticePage({
  title,
  children,
  action,
  testId,
}: {
  title: ReactNode;
  children: ReactNode;
  action?: ReactNode;
  testId?: string;
}) {
  return (
    <Card className="mx-auto max-w-xl" data-testid={testId}>
      <CardHeader>
        <h1 className="font-heading font-semibold text-2xl tracking-tight">{title}</h1>
      </CardHeader>
      <CardContent className="grid gap-4 text-muted-foreground">
        <div>{children}</div>
        {action ? <div>{action}</div> : null}
      </CardContent>
    </Card>
  );
}
