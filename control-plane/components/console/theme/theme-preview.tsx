"use client";

import { type ColorMode, compileThemeCss, type ThemeTokens } from "@mw/themes";
import { useMemo } from "react";

/**
 * A miniature of the tenant's site drawn with the edited tokens. The CSS comes from the same
 * `compileThemeCss` the runtime uses, scoped to this wrapper's `data-tenant`, so what the admin
 * sees is the variables the live site will get — not a re-implementation of them.
 */
export function ThemePreview({
  tokens,
  tenantId,
  tenantName,
  mode,
  nonce,
}: {
  tokens: ThemeTokens;
  tenantId: string;
  tenantName: string;
  mode: ColorMode;
  /** The page's CSP nonce: without it the browser refuses this inline `<style>`. */
  nonce?: string | undefined;
}) {
  const css = useMemo(() => compileThemeCss(tokens, { scope: `[data-tenant="${tenantId}"]` }), [tokens, tenantId]);
  // Inside the scope, the design system's utilities (bg-primary, rounded-lg, font-heading…) read
  // the tenant's variables, so the miniature needs no stylesheet of its own.
  const button = "inline-block rounded-lg px-3 py-1.5 font-semibold";
  return (
    <div
      className="overflow-hidden rounded-lg border border-border bg-background font-sans text-[13px] text-foreground"
      data-tenant={tenantId}
      data-theme={mode}
      data-testid="theme-preview"
    >
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: compileThemeCss only emits allowlisted, re-validated values */}
      <style nonce={nonce} dangerouslySetInnerHTML={{ __html: css }} />
      <div className="flex flex-wrap items-center justify-between gap-2 border-border border-b bg-surface px-4 py-2.5 text-surface-foreground">
        <span className="flex min-w-0 items-center gap-2 font-bold">
          {/* biome-ignore lint/performance/noImgElement: the logo is whatever URL the admin typed, as on the live site */}
          <img src={tokens.logo.url} alt={tokens.logo.alt} className="h-6 w-auto" />
          <span className="truncate">{tenantName}</span>
        </span>
        <span className="flex gap-3 font-medium">
          <span>Artists</span>
          <span>Events</span>
          <span>Account</span>
        </span>
      </div>
      <div className="grid gap-3.5 p-4">
        <div className="rounded-xl bg-primary px-5 py-5 text-primary-foreground">
          <p className="mb-1.5 font-heading font-semibold text-2xl leading-tight">Welcome to {tenantName}</p>
          <p className="mb-3">Discover our artists, catch the next show, and join the community.</p>
          <div className="flex flex-wrap gap-2">
            <span className={`${button} bg-primary-foreground text-primary`}>Browse artists</span>
            <span className={`${button} bg-secondary text-secondary-foreground`}>Join {tenantName}</span>
          </div>
        </div>
        <div className="grid gap-2.5 sm:grid-cols-3">
          <div className="min-w-0 rounded-xl border border-border bg-surface p-3 text-surface-foreground">
            <p className="mb-1.5 font-heading font-semibold">Artists</p>
            <p className="mb-1.5 text-muted-foreground">Profiles with genres and links.</p>
            <span className="font-medium text-primary">Open the directory →</span>
          </div>
          <div className="min-w-0 rounded-xl border border-border bg-surface p-3 text-surface-foreground">
            <p className="mb-1.5 font-heading font-semibold">Events</p>
            <p className="mb-1.5 text-muted-foreground">Upcoming shows and RSVPs.</p>
            <span className="inline-block rounded-full bg-accent px-2 font-semibold text-accent-foreground">
              Accent badge
            </span>
          </div>
          <div className="min-w-0 rounded-xl border border-border bg-surface p-3 text-surface-foreground">
            <p className="mb-1.5 font-heading font-semibold">Sign in</p>
            <span className="block truncate rounded-lg border border-border bg-background px-2 py-1 text-muted-foreground">
              you@example.com
            </span>
            <div className="mt-2 flex flex-wrap gap-2">
              <span className={`${button} bg-primary text-primary-foreground`}>Sign in</span>
              <span className={`${button} bg-danger text-danger-foreground`}>Delete</span>
            </div>
          </div>
        </div>
      </div>
      <div className="flex flex-wrap justify-between gap-2 border-border border-t bg-muted px-4 py-2.5 text-muted-foreground">
        <span>© {tenantName}</span>
        <span>Powered by MusicalWheel</span>
      </div>
    </div>
  );
}
