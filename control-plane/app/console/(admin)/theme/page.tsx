import { can } from "@mw/core/authz";
import { NONCE_HEADER } from "@mw/core/security-headers";
import { LocalTime } from "@mw/core/ui/local-time";
import { PRESET_IDS, parseThemeTokens, THEME_PRESETS, type ThemeTokens } from "@mw/themes";
import { Badge } from "@mw/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@mw/ui/card";
import { EmptyState } from "@mw/ui/empty-state";
import { PageHeader } from "@mw/ui/page-header";
import { Table, TBody, TD, TH, THead, TR } from "@mw/ui/table";
import { History } from "lucide-react";
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
      <PageHeader
        title="Theme"
        description="Your site's colors, fonts, logo and e-mail branding. Changes stay in a draft until you publish them."
      />
      <div className="grid gap-6">
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

        <Card aria-label="Version history">
          <CardHeader>
            <CardTitle>Version history</CardTitle>
          </CardHeader>
          <CardContent>
            {versions.length === 0 ? (
              <EmptyState icon={History} title="No versions yet" description="Save a draft to start the history." />
            ) : (
              <Table label="Theme versions">
                <THead>
                  <TR>
                    <TH>Version</TH>
                    <TH>Status</TH>
                    <TH>Created</TH>
                    <TH>Published</TH>
                    <TH>
                      <span className="sr-only">Actions</span>
                    </TH>
                  </TR>
                </THead>
                <TBody>
                  {versions.map((v) => (
                    <TR key={v.id} data-testid="theme-version" data-version={v.version} data-status={v.status}>
                      <TD className="font-medium">
                        v{v.version}
                        {v.restoredFrom ? (
                          <span className="font-normal text-muted-foreground text-xs">
                            {" "}
                            · copy of v{v.restoredFrom}
                          </span>
                        ) : null}
                      </TD>
                      <TD>
                        <Badge tone={v.status === "published" ? "success" : v.status === "draft" ? "info" : "neutral"}>
                          {v.status === "published" ? "live" : v.status}
                        </Badge>
                      </TD>
                      <TD className="whitespace-nowrap">
                        <LocalTime date={v.createdAt} />
                      </TD>
                      <TD className="whitespace-nowrap">{v.publishedAt ? <LocalTime date={v.publishedAt} /> : "—"}</TD>
                      <TD>
                        <div className="flex justify-end">
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
                        </div>
                      </TD>
                    </TR>
                  ))}
                </TBody>
              </Table>
            )}
          </CardContent>
        </Card>
      </div>
    </>
  );
}
