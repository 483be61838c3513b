"use client";

import "./zod-jitless";
import type { ActionResult } from "@mw/core/transport";
import {
  COLOR_MODES,
  type ColorMode,
  PRESET_IDS,
  type PresetId,
  parseThemeTokens,
  THEME_PRESETS,
  type ThemeTokens,
  validateThemeContrast,
} from "@mw/themes";
import { Badge } from "@mw/ui/badge";
import { Button } from "@mw/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@mw/ui/card";
import { Field } from "@mw/ui/field";
import { Select } from "@mw/ui/input";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@mw/ui/tabs";
import { useActionToast } from "@mw/ui/toast";
import { CircleCheck, LoaderCircle } from "lucide-react";
import { useActionState, useEffect, useMemo, useState } from "react";
import { publishAction, saveDraftAction } from "../../../app/console/(admin)/theme/actions";
import { BrandFields, ThemeFieldset } from "./brand-fields";
import { ColorFields } from "./color-fields";
import { errorMap, stableJson, type ThemeDraft, toCandidate, toDraft } from "./draft";
import { EmailPreview } from "./email-preview";
import { ThemePreview } from "./theme-preview";

const initialResult: ActionResult = { ok: true };

export interface ThemeEditorProps {
  tenantId: string;
  tenantName: string;
  /** What the editor opens with: the draft, else the live theme, else a preset. */
  start: ThemeTokens;
  startLabel: string;
  /** The stored draft's tokens, to tell whether the editor holds unsaved changes. */
  savedDraft: ThemeTokens | null;
  published: ThemeTokens | null;
  canUpdate: boolean;
  canPublish: boolean;
  /** This response's CSP nonce, for the preview's `<style>` (proxy.ts). */
  nonce?: string | undefined;
}

export function ThemeEditor(props: ThemeEditorProps) {
  const { tenantId, tenantName, canUpdate, canPublish } = props;
  const [draft, setDraft] = useState<ThemeDraft>(() => toDraft(props.start));
  const [mode, setMode] = useState<ColorMode>("light");
  const [preset, setPreset] = useState<PresetId>(PRESET_IDS[0]);
  const [saveState, saveDispatch, saving] = useActionState(saveDraftAction, initialResult);
  const [publishState, publishDispatch, publishing] = useActionState(publishAction, initialResult);
  useActionToast(saveState, { success: "Draft saved." });
  useActionToast(publishState, { success: "Theme published." });

  const candidateJson = JSON.stringify(toCandidate(draft));
  const parsed = useMemo(() => parseThemeTokens(JSON.parse(candidateJson)), [candidateJson]);
  const tokens = parsed.ok ? parsed.tokens : null;
  const errors = parsed.ok ? {} : errorMap(parsed.errors);
  // The preview keeps the last valid tokens while a field is half-typed, instead of going blank.
  const [lastValid, setLastValid] = useState<ThemeTokens>(props.start);
  useEffect(() => {
    if (tokens) setLastValid(tokens);
  }, [tokens]);

  const issues = useMemo(() => (tokens ? validateThemeContrast(tokens) : []), [tokens]);
  const contrastErrors = issues.filter((i) => i.level === "error");
  // Compared with what is stored: the draft, or (with none) the live theme the editor opened with.
  const baseline = props.savedDraft ?? props.published;
  const dirty = !tokens || !baseline || stableJson(tokens) !== stableJson(baseline);

  // Leaving with unsaved edits asks first; the browser shows its own generic wording.
  useEffect(() => {
    if (!dirty || !canUpdate) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty, canUpdate]);

  const serverFields = Object.fromEntries(
    Object.entries({ ...saveState.fields, ...publishState.fields }).map(([k, v]) => [k.replace(/^tokens\./, ""), v]),
  );
  const shownErrors = { ...serverFields, ...errors };
  const busy = saving || publishing;
  const blockers = !tokens
    ? "Fix the highlighted fields first."
    : contrastErrors.length > 0
      ? `Fix ${contrastErrors.length} contrast error${contrastErrors.length === 1 ? "" : "s"} before publishing.`
      : null;

  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)] xl:items-start">
      <div className="grid min-w-0 gap-5">
        <form
          className="grid gap-3 rounded-lg border border-border/35 bg-surface p-4 sm:p-5"
          aria-label="Theme actions"
        >
          {canUpdate ? <input type="hidden" name="tokens" value={candidateJson} /> : null}
          <div className="flex flex-wrap items-center gap-2">
            {canUpdate ? (
              <Button
                type="submit"
                variant="outline"
                formAction={saveDispatch}
                disabled={busy || !tokens}
                aria-busy={saving || undefined}
              >
                {saving ? <LoaderCircle aria-hidden className="animate-spin" /> : null}
                {saving ? "Saving…" : "Save draft"}
              </Button>
            ) : null}
            {canPublish ? (
              <Button
                type="submit"
                formAction={publishDispatch}
                disabled={busy || Boolean(blockers)}
                title={blockers ?? undefined}
                aria-busy={publishing || undefined}
              >
                {publishing ? <LoaderCircle aria-hidden className="animate-spin" /> : null}
                {publishing ? "Publishing…" : "Publish"}
              </Button>
            ) : null}
            <span className="text-muted-foreground text-sm" data-testid="theme-state">
              {props.startLabel}
              {canUpdate ? (dirty ? " · unsaved changes" : " · saved") : " · read-only"}
            </span>
          </div>
          {blockers && canPublish ? <p className="text-muted-foreground text-sm">{blockers}</p> : null}
        </form>

        {canUpdate ? (
          // A phone gets the select at full width with the buttons under it; wider screens one row.
          <div className="grid gap-2 sm:flex sm:flex-wrap sm:items-end" data-testid="theme-presets">
            <Field label="Start from preset" className="min-w-0 sm:w-60">
              <Select value={preset} onChange={(e) => setPreset(e.target.value as PresetId)}>
                {PRESET_IDS.map((id) => (
                  <option key={id} value={id}>
                    {THEME_PRESETS[id].name}
                  </option>
                ))}
              </Select>
            </Field>
            <div className="flex flex-wrap gap-2">
              <Button variant="outline" onClick={() => setDraft(toDraft(THEME_PRESETS[preset]))}>
                Load preset
              </Button>
              {props.published ? (
                <Button variant="ghost" onClick={() => props.published && setDraft(toDraft(props.published))}>
                  Reset to live theme
                </Button>
              ) : null}
            </div>
          </div>
        ) : null}

        <ThemeFieldset legend="Colors" disabled={!canUpdate}>
          <p className="text-muted-foreground text-xs">
            Text colors need a 4.5:1 contrast ratio with their background (WCAG AA); borders should reach 3:1.
          </p>
          <ColorFields
            colors={draft.colors}
            issues={issues}
            errors={shownErrors}
            disabled={!canUpdate}
            onChange={(m, key, value) =>
              setDraft((d) => ({ ...d, colors: { ...d.colors, [m]: { ...d.colors[m], [key]: value } } }))
            }
          />
        </ThemeFieldset>
        <BrandFields draft={draft} errors={shownErrors} disabled={!canUpdate} patch={setDraft} />
      </div>

      <div className="grid min-w-0 gap-5 xl:sticky xl:top-6">
        <Card aria-label="Site preview">
          <Tabs value={mode} onValueChange={(v) => setMode(v === "dark" ? "dark" : "light")}>
            <CardHeader className="items-center">
              <CardTitle>Site preview</CardTitle>
              <TabsList aria-label="Color mode">
                <TabsTrigger value="light">Light</TabsTrigger>
                <TabsTrigger value="dark">Dark</TabsTrigger>
              </TabsList>
            </CardHeader>
            <CardContent>
              {COLOR_MODES.map((m) => (
                // Each tab controls its own panel; only the selected one draws the preview.
                <TabsContent key={m} value={m} forceMount className="mt-0 data-[state=inactive]:hidden">
                  {m === mode ? (
                    <ThemePreview
                      tokens={tokens ?? lastValid}
                      tenantId={tenantId}
                      tenantName={tenantName}
                      mode={mode}
                      nonce={props.nonce}
                    />
                  ) : null}
                </TabsContent>
              ))}
            </CardContent>
          </Tabs>
        </Card>
        <Card aria-label="Contrast check">
          <CardHeader>
            <CardTitle>Contrast check</CardTitle>
          </CardHeader>
          <CardContent>
            {issues.length === 0 ? (
              <p className="flex items-center gap-2 text-sm" data-testid="contrast-ok">
                <CircleCheck aria-hidden className="size-4 shrink-0 text-success" />
                All text and border colors meet their contrast targets in both modes.
              </p>
            ) : (
              <ul className="grid gap-1.5 text-sm">
                {issues.map((i) => (
                  <li key={i.message} className="flex gap-2" data-level={i.level}>
                    <Badge tone={i.level === "error" ? "danger" : "warning"} className="shrink-0">
                      {i.level === "error" ? "Error" : "Warning"}
                    </Badge>
                    <span className="min-w-0">{i.message}</span>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
        <Card aria-label="E-mail preview">
          <CardHeader>
            <CardTitle>E-mail preview</CardTitle>
          </CardHeader>
          <CardContent>
            <EmailPreview tokens={tokens} />
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
