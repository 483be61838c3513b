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
  return (
    <div className="ac-preview" data-tenant={tenantId} data-theme={mode} data-testid="theme-preview">
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: compileThemeCss only emits allowlisted, re-validated values */}
      <style nonce={nonce} dangerouslySetInnerHTML={{ __html: css }} />
      <header className="pv-header">
        <span className="pv-brand">
          {/* biome-ignore lint/performance/noImgElement: the logo is whatever URL the admin typed, as on the live site */}
          <img src={tokens.logo.url} alt={tokens.logo.alt} />
          <span>{tenantName}</span>
        </span>
        <nav className="pv-nav" aria-label="Preview navigation">
          <span>Artists</span>
          <span>Events</span>
          <span>Account</span>
        </nav>
      </header>
      <div className="pv-main">
        <section className="pv-hero">
          <h1>Welcome to {tenantName}</h1>
          <p>Discover our artists, catch the next show, and join the community.</p>
          <div className="pv-row">
            <span className="pv-button inverted">Browse artists</span>
            <span className="pv-button secondary">Join {tenantName}</span>
          </div>
        </section>
        <div className="pv-grid">
          <div className="pv-card">
            <h3>Artists</h3>
            <p className="pv-muted">Profiles with genres and links.</p>
            <span className="pv-link">Open the directory →</span>
          </div>
          <div className="pv-card">
            <h3>Events</h3>
            <p className="pv-muted">Upcoming shows and RSVPs.</p>
            <span className="pv-badge">Accent badge</span>
          </div>
          <div className="pv-card">
            <h3>Sign in</h3>
            <span className="pv-input">you@example.com</span>
            <div className="pv-row">
              <span className="pv-button">Sign in</span>
              <span className="pv-button danger">Delete</span>
            </div>
          </div>
        </div>
      </div>
      <footer className="pv-footer">
        <span>© {tenantName}</span>
        <span>Powered by MusicalWheel</span>
      </footer>
    </div>
  );
}
