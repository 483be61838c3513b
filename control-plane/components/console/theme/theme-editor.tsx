"use client";

import "./zod-jitless";
import type { ActionResult } from "@mw/core/transport";
import { FormMessage } from "@mw/core/ui";
import {
  type ColorMode,
  PRESET_IDS,
  type PresetId,
  parseThemeTokens,
  THEME_PRESETS,
  type ThemeTokens,
  validateThemeContrast,
} from "@mw/themes";
import { useActionState, useEffect, useMemo, useState } from "react";
import { publishAction, saveDraftAction } from "../../../app/console/(admin)/theme/actions";
import { BrandFields } from "./brand-fields";
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
  const [last, setLast] = useState<"save" | "publish" | null>(null);
  const [saveState, saveDispatch, saving] = useActionState(saveDraftAction, initialResult);
  const [publishState, publishDispatch, publishing] = useActionState(publishAction, initialResult);

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
    <div className="ac-theme-editor">
      <div className="ac-theme-controls">
        <form className="ac-theme-actions" aria-label="Theme actions">
          {canUpdate ? <input type="hidden" name="tokens" value={candidateJson} /> : null}
          <div className="ac-row">
            {canUpdate ? (
              <button
                type="submit"
                className="ac-button secondary"
                formAction={saveDispatch}
                onClick={() => setLast("save")}
                disabled={busy || !tokens}
              >
                {saving ? "Saving…" : "Save draft"}
              </button>
            ) : null}
            {canPublish ? (
              <button
                type="submit"
                className="ac-button"
                formAction={publishDispatch}
                onClick={() => setLast("publish")}
                disabled={busy || Boolean(blockers)}
                title={blockers ?? undefined}
              >
                {publishing ? "Publishing…" : "Publish"}
              </button>
            ) : null}
            <span className="ac-muted ac-small" data-testid="theme-state">
              {props.startLabel}
              {canUpdate ? (dirty ? " · unsaved changes" : " · saved") : " · read-only"}
            </span>
          </div>
          {blockers && canPublish ? <p className="ac-muted ac-small">{blockers}</p> : null}
          {last === "save" ? <FormMessage state={saveState} /> : null}
          {last === "publish" ? <FormMessage state={publishState} /> : null}
        </form>

        {canUpdate ? (
          <div className="ac-row ac-start-from">
            <label className="ac-inline-label">
              Start from preset
              <select value={preset} onChange={(e) => setPreset(e.target.value as PresetId)}>
                {PRESET_IDS.map((id) => (
                  <option key={id} value={id}>
                    {THEME_PRESETS[id].name}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              className="ac-button ghost small"
              onClick={() => setDraft(toDraft(THEME_PRESETS[preset]))}
            >
              Load preset
            </button>
            {props.published ? (
              <button
                type="button"
                className="ac-button ghost small"
                onClick={() => props.published && setDraft(toDraft(props.published))}
              >
                Reset to live theme
              </button>
            ) : null}
          </div>
        ) : null}

        <fieldset className="ac-fieldset" disabled={!canUpdate}>
          <legend>Colors</legend>
          <p className="ac-muted ac-small">
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
        </fieldset>
        <BrandFields draft={draft} errors={shownErrors} disabled={!canUpdate} patch={setDraft} />
      </div>

      <div className="ac-theme-previews">
        <section className="ac-card" aria-label="Site preview">
          <div className="ac-spread">
            <h2>Site preview</h2>
            <div className="ac-segmented" role="tablist" aria-label="Color mode">
              {(["light", "dark"] as const).map((m) => (
                <button key={m} type="button" role="tab" aria-selected={mode === m} onClick={() => setMode(m)}>
                  {m === "light" ? "Light" : "Dark"}
                </button>
              ))}
            </div>
          </div>
          <ThemePreview
            tokens={tokens ?? lastValid}
            tenantId={tenantId}
            tenantName={tenantName}
            mode={mode}
            nonce={props.nonce}
          />
        </section>
        <section className="ac-card" aria-label="Contrast check">
          <h2>Contrast check</h2>
          {issues.length === 0 ? (
            <p className="ac-ok" data-testid="contrast-ok">
              All text and border colors meet their contrast targets in both modes.
            </p>
          ) : (
            <ul className="ac-issues">
              {issues.map((i) => (
                <li key={i.message} className={`ac-contrast ${i.level}`} data-level={i.level}>
                  <strong>{i.level === "error" ? "Error" : "Warning"}:</strong> {i.message}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="ac-card" aria-label="E-mail preview">
          <h2>E-mail preview</h2>
          <EmailPreview tokens={tokens} />
        </section>
      </div>
    </div>
  );
}
