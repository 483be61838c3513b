import { ChevronRight } from "lucide-react";
import Link from "next/link";
import { cn } from "../cn";

export interface Crumb {
  label: string;
  href?: string;
}

/** Where this page sits; the last crumb is the page itself (`aria-current="page"`). */
export function Breadcrumbs({ items, className }: { items: readonly Crumb[]; className?: string }) {
  return (
    <nav aria-label="Breadcrumb" className={cn("mb-3 text-muted-foreground text-sm", className)}>
      <ol className="flex flex-wrap items-center gap-1">
        {items.map((c, i) => {
          const last = i === items.length - 1;
          return (
            <li key={c.href ?? c.label} className="flex min-w-0 items-center gap-1">
              {c.href && !last ? (
                <Link href={c.href} className="truncate hover:text-foreground hover:underline">
                  {c.label}
                </Link>
              ) : (
                <span aria-current={last ? "page" : undefined} className={cn("truncate", last && "text-foreground")}>
                  {c.label}
                </span>
              )}
              {last ? null : <ChevronRight aria-hidden className="size-3.5 shrink-0" />}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
