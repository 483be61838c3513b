import { formatCount, formatNumber } from "@mw/core/ui/numbers";
import { buttonVariants } from "@mw/ui/button";
import { ChevronLeft, ChevronRight } from "lucide-react";
import Link from "next/link";

/** Server-side paging links (?page=n), keeping the list's other search parameters. */
export function Pagination({
  page,
  pages,
  total,
  path,
  params,
  noun,
  locale,
}: {
  page: number;
  pages: number;
  total: number;
  path: string;
  params: Record<string, string>;
  noun: string;
  /** The viewer's locale (`viewerLocale()`): "Page 1 of 3 · 2,048 tenants". */
  locale: string;
}) {
  const href = (p: number) => `${path}?${new URLSearchParams({ ...params, ...(p > 1 ? { page: String(p) } : {}) })}`;
  return (
    <nav
      aria-label="Pages"
      className="mt-4 flex flex-wrap items-center justify-between gap-2 text-muted-foreground text-sm"
    >
      <span>
        Page {formatNumber(page, locale)} of {formatNumber(pages, locale)} ·{" "}
        {formatCount(total, noun, undefined, locale)}
      </span>
      {pages > 1 ? (
        <span className="flex gap-2">
          {page > 1 ? (
            <Link className={buttonVariants({ variant: "outline", size: "sm" })} href={href(page - 1)} rel="prev">
              <ChevronLeft aria-hidden /> Previous
            </Link>
          ) : null}
          {page < pages ? (
            <Link className={buttonVariants({ variant: "outline", size: "sm" })} href={href(page + 1)} rel="next">
              Next <ChevronRight aria-hidden />
            </Link>
          ) : null}
        </span>
      ) : null}
    </nav>
  );
}
