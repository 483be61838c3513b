"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export function ConsoleNav({ items }: { items: { href: string; label: string; show: boolean }[] }) {
  const path = usePathname();
  return (
    <nav className="ac-nav" aria-label="Console">
      {items
        .filter((i) => i.show)
        .map((i) => {
          // Overview is only active on itself; the others also own their sub-pages (/console/roles/new).
          const active = i.href === "/console" ? path === i.href : path === i.href || path.startsWith(`${i.href}/`);
          return (
            <Link key={i.href} href={i.href} aria-current={active ? "page" : undefined}>
              {i.label}
            </Link>
          );
        })}
    </nav>
  );
}
