import { Lock } from "lucide-react";

/** Shown instead of a page whose read permission the admin lacks (the nav already hides it). */
export function NoAccess({ what, permission }: { what: string; permission: string }) {
  return (
    <section
      role="alert"
      className="flex flex-col items-center gap-2 rounded-lg border border-border/40 border-dashed px-6 py-10 text-center"
    >
      <Lock aria-hidden className="mb-1 size-8 text-muted-foreground" />
      <h1 className="font-semibold text-lg">No access to {what}</h1>
      <p className="max-w-prose text-muted-foreground text-sm">
        Your roles do not include <code className="font-mono">{permission}</code>. Ask an owner or admin of your
        organization if you need it.
      </p>
    </section>
  );
}
