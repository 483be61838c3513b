import { Card, CardContent, CardHeader } from "@mw/ui/card";
import type { ReactNode } from "react";

/** The narrow card the sign-up, invitation and link-confirmation pages share; `title` is the h1. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card className="mx-auto max-w-md">
      <CardHeader className="block">
        <h1 className="font-heading font-semibold text-2xl tracking-tight">{title}</h1>
      </CardHeader>
      <CardContent className="grid gap-4">{children}</CardContent>
    </Card>
  );
}
