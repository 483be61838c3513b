"use client";

import { Menu } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/artists", label: "Artists" },
  { href: "/events", label: "Events" },
  { href: "/account", label: "Account" },
] as const;

/** Active when the path is the link or below it; the tenant's paths are host-relative. */
export function isActive(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}

// Not `cn` from "@mw/ui": that entry also exports the console theme, which parses it with zod at
// load, and zod's JIT probe (`Function("")`) is a CSP eval violation in the browser.
function NavLinks({ className }: { className: string }) {
  const pathname = usePathname() ?? "/";
  return (
    <ul className={`flex gap-1 ${className}`}>
      {LINKS.map((l) => {
        const active = isActive(pathname, l.href);
        return (
          <li key={l.href}>
            <Link
              href={l.href}
              aria-current={active ? "page" : undefined}
              className={`block rounded-md px-3 py-2 font-medium text-sm hover:bg-muted ${
                active ? "bg-muted text-foreground" : "text-surface-foreground"
              }`}
            >
              {l.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * The site's main navigation: a row on wide screens, a disclosure menu on phones (no script needed
 * to open it). The header is cached for everyone, so it shows no signed-in state.
 */
export function SiteNav() {
  return (
    <nav aria-label="Main" className="flex items-center">
      <NavLinks className="hidden items-center sm:flex" />
      <details className="group relative sm:hidden">
        <summary className="flex size-10 cursor-pointer list-none items-center justify-center rounded-md border border-border/40 [&::-webkit-details-marker]:hidden">
          <Menu aria-hidden className="size-5" />
          <span className="sr-only">Menu</span>
        </summary>
        <div className="absolute right-0 z-40 mt-2 w-48 rounded-lg border border-border/40 bg-surface p-2 shadow-lg">
          <NavLinks className="flex-col" />
        </div>
      </details>
    </nav>
  );
}
