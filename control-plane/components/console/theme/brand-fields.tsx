"use client";

import { FONT_IDS } from "@mw/themes";
import type { ReactNode } from "react";
import { pickerValue, type ThemeDraft } from "./draft";

type Patch = (update: (d: ThemeDraft) => ThemeDraft) => void;

function Errors({ errors, path }: { errors: Record<string, string[]>; path: string }) {
  return (errors[path] ?? []).map((m) => (
    <span key={m} className="mw-field-error" role="alert" data-field-error={path}>
      {m}
    </span>
  ));
}

function Labeled({ label, hint, children }: { label: string; hint?: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is passed in as children
    <label>
      {label}
      {children}
      {hint ? <span className="ac-muted ac-small">{hint}</span> : null}
    </label>
  );
}

/** Name, typography, shape, logo, favicon and e-mail branding. */
export function BrandFields({
  draft,
  errors,
  disabled,
  patch,
}: {
  draft: ThemeDraft;
  errors: Record<string, string[]>;
  disabled: boolean;
  patch: Patch;
}) {
  return (
    <>
      <fieldset className="ac-fieldset" disabled={disabled}>
        <legend>Typography and shape</legend>
        <div className="ac-grid-3">
          <Labeled label="Heading font">
            <select
              value={draft.fonts.heading}
              onChange={(e) => patch((d) => ({ ...d, fonts: { ...d.fonts, heading: e.target.value } }))}
            >
              {FONT_IDS.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </select>
            <Errors errors={errors} path="fonts.heading" />
          </Labeled>
          <Labeled label="Body font">
            <select
              value={draft.fonts.body}
              onChange={(e) => patch((d) => ({ ...d, fonts: { ...d.fonts, body: e.target.value } }))}
            >
              {FONT_IDS.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </select>
            <Errors errors={errors} path="fonts.body" />
          </Labeled>
          <Labeled label="Corner radius (px)" hint="0 for square corners, up to 32.">
            <input
              type="number"
              min={0}
              max={32}
              step={1}
              value={draft.radius}
              onChange={(e) => patch((d) => ({ ...d, radius: e.target.value }))}
            />
            <Errors errors={errors} path="radius" />
          </Labeled>
        </div>
      </fieldset>

      <fieldset className="ac-fieldset" disabled={disabled}>
        <legend>Logo and favicon</legend>
        <Labeled label="Site name in the theme" hint="Used as the e-mail sender fallback and in previews.">
          <input value={draft.name} maxLength={64} onChange={(e) => patch((d) => ({ ...d, name: e.target.value }))} />
          <Errors errors={errors} path="name" />
        </Labeled>
        <Labeled label="Logo URL" hint="https://…, a path on your site (/logo.svg), or a base64 PNG/SVG data URL.">
          <input
            value={draft.logo.url}
            spellCheck={false}
            onChange={(e) => patch((d) => ({ ...d, logo: { ...d.logo, url: e.target.value.trim() } }))}
          />
          <Errors errors={errors} path="logo.url" />
        </Labeled>
        <Labeled label="Logo alt text" hint="Read out by screen readers in place of the logo.">
          <input
            value={draft.logo.alt}
            maxLength={120}
            onChange={(e) => patch((d) => ({ ...d, logo: { ...d.logo, alt: e.target.value } }))}
          />
          <Errors errors={errors} path="logo.alt" />
        </Labeled>
        <Labeled label="Favicon URL">
          <input
            value={draft.favicon.url}
            spellCheck={false}
            onChange={(e) => patch((d) => ({ ...d, favicon: { url: e.target.value.trim() } }))}
          />
          <Errors errors={errors} path="favicon.url" />
        </Labeled>
      </fieldset>

      <fieldset className="ac-fieldset" disabled={disabled}>
        <legend>E-mail</legend>
        <Labeled label="Sender name" hint="Shown as the From name of invitations and sign-in links.">
          <input
            value={draft.email.senderName}
            maxLength={64}
            onChange={(e) => patch((d) => ({ ...d, email: { ...d.email, senderName: e.target.value } }))}
          />
          <Errors errors={errors} path="email.senderName" />
        </Labeled>
        <Labeled label="Footer text">
          <textarea
            rows={3}
            maxLength={500}
            value={draft.email.footerText}
            onChange={(e) => patch((d) => ({ ...d, email: { ...d.email, footerText: e.target.value } }))}
          />
          <Errors errors={errors} path="email.footerText" />
        </Labeled>
        <div className="ac-row">
          <Labeled label="Button color in e-mails">
            <input
              type="color"
              value={pickerValue(draft.email.accentColor ?? draft.colors.light.primary)}
              onChange={(e) => patch((d) => ({ ...d, email: { ...d.email, accentColor: e.target.value } }))}
            />
          </Labeled>
          {draft.email.accentColor ? (
            <button
              type="button"
              className="ac-button ghost small"
              onClick={() =>
                patch((d) => ({ ...d, email: { senderName: d.email.senderName, footerText: d.email.footerText } }))
              }
            >
              Use the primary color
            </button>
          ) : (
            <span className="ac-muted ac-small">Follows the light primary color.</span>
          )}
          <Errors errors={errors} path="email.accentColor" />
        </div>
      </fieldset>
    </>
  );
}
