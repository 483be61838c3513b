import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";
import { cn } from "../cn";

export function EmptyState({
  icon: Icon,
  title,
  description,
  action,
  className,
}: {
  icon?: LucideIcon;
  title: ReactNode;
  description?: ReactNode;
  action?: ReactNode;
  className?: string;
}) {
  return (
    <div
      className={cn(
        "flex flex-col items-center justify-center gap-2 rounded-lg border border-border/40 border-dashed px-6 py-10 text-center",
        className,
      )}
    >
      {Icon ? <Icon aria-hidden className="mb-1 size-8 text-muted-foreground" /> : null}
      <p className="font-medium">{title}</p>
      {description ? <p className="max-w-prose text-muted-foreground text-sm">{description}</p> : null}
      {action ? <div className="mt-3">{action}</div> : null}
    </div>
  );
}
