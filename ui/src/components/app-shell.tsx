"use client";

import { Menu } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { type ReactNode, useEffect, useState } from "react";
import { cn } from "../cn";
import { Sheet, SheetContent, SheetTrigger } from "./sheet";

export interface NavItem {
  href: string;
  label: string;
  icon?: ReactNode;
  /** Active only on this exact path (a section's overview), not on the pages below it. */
  exact?: boolean;
  /**
   * Other sections this entry owns, active on them and below: the staff console's "Tenants" lives
   * at `/staff` (exact, or it would light up everywhere) and its detail pages at `/staff/tenants/…`.
   */
  also?: readonly string[];
}

const within = (pathname: string, prefix: string) => pathname === prefix || pathname.startsWith(`${prefix}/`);

export function isActive(pathname: string, item: Pick<NavItem, "href" | "exact" | "also">): boolean {
  if (pathname === item.href) return true;
  if (item.also?.some((prefix) => within(pathname, prefix))) return true;
  return !item.exact && within(pathname, item.href);
}

/** A vertical navigation whose current entry is marked (`aria-current="page"`) and highlighted. */
export function SideNav({ items, label }: { items: readonly NavItem[]; label: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label}>
      <ul className="grid gap-0.5">
        {items.map((item) => {
          const active = isActive(pathname, item);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "flex items-center gap-2.5 rounded-md px-2.5 py-2 font-medium text-sm transition-colors [&_svg]:size-4 [&_svg]:shrink-0",
                  active
                    ? "bg-accent text-accent-foreground"
                    : "text-muted-foreground hover:bg-muted hover:text-foreground",
                )}
              >
                {item.icon}
                <span className="truncate">{item.label}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/**
 * The consoles' frame: a sidebar on wide screens; on a phone a top bar whose menu button opens the
 * same sidebar as a sheet. `main` is the page's one main landmark, reachable by the skip link.
 */
export function AppShell({
  brand,
  nav,
  navLabel,
  footer,
  banner,
  children,
}: {
  brand: ReactNode;
  nav: readonly NavItem[];
  navLabel: string;
  footer?: ReactNode;
  banner?: ReactNode;
  children: ReactNode;
}) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: closing the menu is the effect of navigating
  useEffect(() => setOpen(false), [pathname]);
  const sidebar = (
    <>
      <div className="px-1">{brand}</div>
      <div className="flex-1">
        <SideNav items={nav} label={navLabel} />
      </div>
      {footer ? <div className="border-border/35 border-t pt-4">{footer}</div> : null}
    </>
  );
  return (
    <div className="min-h-dvh lg:grid lg:grid-cols-[15rem_minmax(0,1fr)]">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-surface px-3 py-2 focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <aside className="sticky top-0 hidden h-dvh flex-col gap-6 overflow-y-auto border-border/35 border-r bg-surface p-4 lg:flex">
        {sidebar}
      </aside>
      <div className="min-w-0">
        <header className="sticky top-0 z-40 flex h-14 items-center gap-3 border-border/35 border-b bg-surface/95 px-4 backdrop-blur lg:hidden">
          <Sheet open={open} onOpenChange={setOpen}>
            <SheetTrigger
              aria-label="Open menu"
              className="-ml-1.5 rounded-md p-1.5 text-foreground hover:bg-muted [&_svg]:size-5"
            >
              <Menu aria-hidden />
            </SheetTrigger>
            <SheetContent title={navLabel}>{sidebar}</SheetContent>
          </Sheet>
          <div className="min-w-0 flex-1">{brand}</div>
        </header>
        {banner}
        <main
          id="main"
          tabIndex={-1}
          className="mx-auto w-full max-w-6xl px-4 py-6 outline-none sm:px-6 lg:px-10 lg:py-8"
        >
          {children}
        </main>
      </div>
    </div>
  );
}
