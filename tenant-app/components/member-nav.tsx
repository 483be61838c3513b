"use client";

import { buttonVariants } from "@mw/ui/button";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { isActive } from "./site-nav";

/** Analytics, for members whose role may read it (the layout decides), marked when open. */
export function MemberNav() {
  const active = isActive(usePathname() ?? "/", "/analytics");
  return (
    <Link
      href="/analytics"
      aria-current={active ? "page" : undefined}
      className={buttonVariants({ variant: active ? "secondary" : "ghost", size: "sm" })}
    >
      Analytics
    </Link>
  );
}
