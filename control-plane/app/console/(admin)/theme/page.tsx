import { can } from "@mw/core/authz";
import { NONCE_HEADER } from "@mw/core/security-headers";
import { LocalTime } from "@mw/core/ui/local-time";
import { PRESET_IDS, parseThemeTokens, THEME_PRESETS, type ThemeTokens } from "@mw/themes";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { ActionButton } from "../../../../components/console/action-button";
import { NoAccess } from "../../../../components/console/no-access";
import { ThemeEditor } from "../../../../components/console/theme/theme-editor";
import { permissionFlags, requireConsoleAdmin } from "../../../../lib/console/access";
import { listThemeVersions, type ThemeVersion } from "../../../../lib/console/queries";
import { rollbackAction } from "./actions";

export const metadata: Metadata = { title: "Theme" };

/** Stored tokens are re-parsed: a row from before a schema change must not crash the editor. */
function tokensOf(v: ThemeVersion | undefined): ThemeTokens | null {
  if (!v) return null;
  const parsed = parseThemeTokens(v.tokens);
  return parsed.ok ? parsed.tokens : null;
}

export default async function ThemePage() {
  const c = await requireConsoleAdmin("/console/theme");
  if (!can(c.session.ability, "theme.read")) return <NoAccess what="the theme" permission="theme.read" />;
  const perms = permissionFlags(c.session.ability, ["theme.update", "theme.publish"]);
  const versions = await listThemeVersions(c.tenant.id);
  const draftRow = versions.find((v) => v.status === "draft");
  const liveRow = versions.find((v) => v.status === "published");
  const draft = tokensOf(draftRow);
  const live = tokensOf(liveRow);
  const start = draft ?? live ?? THEME_PRESETS[PRESET_IDS[0]];
  const startLabel = draft
    ? `Draft (version ${draftRow?.version})`
    : live
      ? `Live theme (version ${liveRow?.version})`
      : `Preset "${start.name}" — not saved yet`;

  return (
    <>
      <header className="ac-page-header">
        <div>
          <h1>Theme</h1>
          <p className="ac-muted">
            Your site&apos;s colors, fonts, logo and e-mail branding. Changes stay in a draft until you publish them.
          </p>
        </div>
      </header>

      <ThemeEditor
        tenantId={c.tenant.id}
        tenantName={c.tenant.name}
        start={start}
        startLabel={startLabel}
        savedDraft={draft}
        published={live}
        canUpdate={perms["theme.update"]}
        canPublish={perms["theme.publish"]}
        nonce={(await headers()).get(NONCE_HEADER) ?? undefined}
      />

      <section className="ac-card" aria-label="Version history">
        <h2>Version history</h2>
        {versions.length === 0 ? (
          <p className="ac-empty">No versions yet. Save a draft to start the history.</p>
        ) : (
          <table className="ac-table">
            <thead>
              <tr>
                <th>Version</th>
                <th>Status</th>
                <th>Created</th>
                <th>Published</th>
                <th aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.id} data-testid="theme-version" data-version={v.version} data-status={v.status}>
                  <td className="ac-strong">
                    v{v.version}
                    {v.restoredFrom ? <span className="ac-muted ac-small"> · copy of v{v.restoredFrom}</span> : null}
                  </td>
                  <td>
                    <span className={`ac-badge ${v.status}`}>{v.status === "published" ? "live" : v.status}</span>
                  </td>
                  <td className="ac-nowrap">
                    <LocalTime date={v.createdAt} />
                  </td>
                  <td className="ac-nowrap">{v.publishedAt ? <LocalTime date={v.publishedAt} /> : "—"}</td>
                  <td className="ac-actions-cell">
                    {perms["theme.publish"] && v.status === "archived" ? (
                      <ActionButton
                        action={rollbackAction}
                        fields={{ version: String(v.version) }}
                        label="Roll back"
                        pendingLabel="Rolling back…"
                        variant="outline"
                        confirm={{
                          title: `Make version ${v.version} live again?`,
                          description: "It is published as a new version; your draft is kept.",
                          confirmLabel: "Roll back",
                        }}
                      />
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
