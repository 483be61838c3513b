import Link from "next/link";
import type { ReactNode } from "react";
import { SiteNav } from "./site-nav";

/**
 * A tenant site's chrome: skip link, header (logo, name, navigation), the one <main>, footer. Static
 * (no cookies or headers), so the tenant layout that uses it is cached for every visitor.
 */
export function SiteFrame({
  name,
  logo,
  poweredBy,
  children,
}: {
  name: string;
  logo: { url: string; alt: string };
  poweredBy: boolean;
  children: ReactNode;
}) {
  return (
    <>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-surface focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header className="border-border/35 border-b bg-surface text-surface-foreground">
        <div className="mx-auto flex w-full max-w-5xl items-center justify-between gap-4 px-4 py-3 sm:px-6">
          <Link href="/" className="flex min-w-0 items-center gap-3 font-bold font-heading text-lg">
            {/* biome-ignore lint/performance/noImgElement: logos are data: or external URLs from the theme */}
            <img src={logo.url} alt={logo.alt} className="h-9 w-auto shrink-0" />
            <span className="truncate">{name}</span>
          </Link>
          <SiteNav />
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 pt-8 pb-12 sm:px-6">
        {children}
      </main>
      <footer className="border-border/35 border-t text-muted-foreground text-sm">
        <div className="mx-auto flex w-full max-w-5xl flex-wrap justify-between gap-3 px-4 py-4 sm:px-6">
          <span>
            © {new Date().getFullYear()} {name}
          </span>
          {poweredBy ? <span data-testid="powered-by">Powered by MusicalWheel</span> : null}
        </div>
      </footer>
    </>
  );
}
