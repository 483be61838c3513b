import type { ReactNode } from "react";

/** A whole-page answer (404, 403): one main, one h1, a sentence and a way on. */
export function StatusPage({
  icon,
  title,
  text,
  testId,
  children,
}: {
  icon: ReactNode;
  title: string;
  text: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <main data-testid={testId} className="grid min-h-dvh place-items-center bg-background px-4 py-10 text-foreground">
      <div className="max-w-md space-y-4 text-center">
        <div className="mx-auto grid size-12 place-items-center rounded-full bg-muted text-muted-foreground [&_svg]:size-6">
          {icon}
        </div>
        <h1 className="font-heading font-semibold text-2xl tracking-tight">{title}</h1>
        <p className="text-muted-foreground">{text}</p>
        <div className="flex justify-center">{children}</div>
      </div>
    </main>
  );
}
