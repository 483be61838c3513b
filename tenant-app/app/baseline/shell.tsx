import type { TenantShowcase } from "@mw/core/product";
import { compileThemeCss, THEME_PRESETS } from "@mw/themes";
import type { ReactNode } from "react";
import { HomeBody } from "../../components/home-body";
import { SiteFrame } from "../../components/site-frame";

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
      <SiteFrame name={NAME} logo={THEME.logo} poweredBy>
        {children}
      </SiteFrame>
    </>
  );
}

/** A home page's worth of showcase (three events, three artists), fixed: no database here. */
const SHOWCASE: TenantShowcase = {
  events: [1, 2, 3].map((i) => ({
    id: `evt_baseline${i}`,
    title: `Baseline night ${i}`,
    venue: "The Hall",
    startsAt: new Date(Date.UTC(2030, 0, i * 7, 19, 30)),
    timeZone: "Europe/Oslo",
    artistName: `Baseline Band ${i}`,
  })),
  artists: [1, 2, 3].map((i) => ({ id: `art_baseline${i}`, name: `Baseline Band ${i}`, genre: "Jazz", country: "NO" })),
};

/** The body of a tenant's home page, with the fixed name. */
export function BaselineHome() {
  return <HomeBody name={NAME} layout={THEME.layout} logo={THEME.logo} showcase={SHOWCASE} />;
}
