import { compileThemeCss, THEME_PRESETS } from "@mw/themes";
import Link from "next/link";
import type { ReactNode } from "react";

/**
 * Benchmark baseline only (served when BENCH_BASELINE=1, see lib/bench-env.ts): the same markup as
 * a tenant's branded layout — theme CSS, logo, name, nav, footer — from a fixed preset, with no
 * host resolution and no database, so tenant pages can be compared with plain Next pages of the
 * same weight.
 */
const NAME = "Baseline Records";
const THEME = THEME_PRESETS.aurora;
const CSS = compileThemeCss(THEME);

export function BaselineShell({ children }: { children: ReactNode }) {
  return (
    <>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: compileThemeCss output of a built-in preset */}
      <style id="mw-theme" data-version={0} dangerouslySetInnerHTML={{ __html: CSS }} />
      <header className="mw-header">
        <Link href="/baseline/static" className="mw-brand">
          {/* biome-ignore lint/performance/noImgElement: same markup as the tenant layout */}
          <img src={THEME.logo.url} alt={THEME.logo.alt} />
          <span>{NAME}</span>
        </Link>
        <nav className="mw-nav" aria-label="Main">
          <Link href="/baseline/static">Artists</Link>
          <Link href="/baseline/static">Events</Link>
          <Link href="/baseline/dynamic">Account</Link>
        </nav>
      </header>
      <main className="mw-main">{children}</main>
      <footer className="mw-footer">
        <span>
          © {new Date().getFullYear()} {NAME}
        </span>
        <span>Powered by MusicalWheel</span>
      </footer>
    </>
  );
}

/** The body of a tenant's home page, with the fixed name. */
export function BaselineHome() {
  return (
    <>
      <section className="mw-hero">
        <h1>Welcome to {NAME}</h1>
        <p>Discover our artists, catch the next show, and join the community.</p>
        <div className="mw-row">
          <Link className="mw-button" href="/baseline/static">
            Browse artists
          </Link>
          <Link className="mw-button" href="/baseline/static">
            Join {NAME}
          </Link>
        </div>
      </section>
      <div className="mw-grid">
        <div className="mw-card">
          <h3>Artists</h3>
          <p className="mw-muted">Profiles of the artists on {NAME}, with genres and links.</p>
          <Link href="/baseline/static">Open the directory →</Link>
        </div>
        <div className="mw-card">
          <h3>Events</h3>
          <p className="mw-muted">Upcoming shows. RSVP to let the organizers know you are coming.</p>
          <Link href="/baseline/static">See what&apos;s on →</Link>
        </div>
        <div className="mw-card">
          <h3>Your account</h3>
          <p className="mw-muted">Sign in with your password or a one-time link by e-mail.</p>
          <Link href="/baseline/dynamic">Sign in →</Link>
        </div>
      </div>
    </>
  );
}
