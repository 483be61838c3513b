"use client";

import { CARD_LAYOUTS, FONT_IDS, HERO_LAYOUTS } from "@mw/themes";
import { Button } from "@mw/ui/button";
import { Field } from "@mw/ui/field";
import { Input, Select, Textarea } from "@mw/ui/input";
import type { ReactNode } from "react";
import { pickerValue, type ThemeDraft } from "./draft";

const LAYOUT_LABELS: Record<(typeof HERO_LAYOUTS)[number] | (typeof CARD_LAYOUTS)[number], string> = {
  centered: "Centered on the brand colour",
  split: "Split: text beside the logo",
  banner: "Banner across the page",
  grid: "Grid of cards",
  list: "List of rows",
};

type Patch = (update: (d: ThemeDraft) => ThemeDraft) => void;

/** A titled group of theme fields (disabled as a whole for read-only admins). */
export function ThemeFieldset({
  legend,
  disabled,
  children,
}: {
  legend: string;
  disabled: boolean;
  children: ReactNode;
}) {
  return (
    <fieldset
      disabled={disabled}
      className="grid min-w-0 gap-4 rounded-lg border border-border/35 bg-surface p-4 sm:p-5"
    >
      <legend className="px-1 font-semibold text-sm">{legend}</legend>
      {children}
    </fieldset>
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
      <ThemeFieldset legend="Typography and shape" disabled={disabled}>
        <div className="grid gap-4 sm:grid-cols-3">
          <Field label="Heading font" errors={errors["fonts.heading"]}>
            <Select
              value={draft.fonts.heading}
              onChange={(e) => patch((d) => ({ ...d, fonts: { ...d.fonts, heading: e.target.value } }))}
            >
              {FONT_IDS.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Body font" errors={errors["fonts.body"]}>
            <Select
              value={draft.fonts.body}
              onChange={(e) => patch((d) => ({ ...d, fonts: { ...d.fonts, body: e.target.value } }))}
            >
              {FONT_IDS.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Corner radius (px)" hint="0 for square corners, up to 32." errors={errors.radius}>
            <Input
              type="number"
              min={0}
              max={32}
              step={1}
              value={draft.radius}
              onChange={(e) => patch((d) => ({ ...d, radius: e.target.value }))}
            />
          </Field>
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Home page hero" errors={errors["layout.hero"]}>
            <Select
              value={draft.layout.hero}
              onChange={(e) => patch((d) => ({ ...d, layout: { ...d.layout, hero: e.target.value } }))}
            >
              {HERO_LAYOUTS.map((h) => (
                <option key={h} value={h}>
                  {LAYOUT_LABELS[h]}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Artist and event directories" errors={errors["layout.cards"]}>
            <Select
              value={draft.layout.cards}
              onChange={(e) => patch((d) => ({ ...d, layout: { ...d.layout, cards: e.target.value } }))}
            >
              {CARD_LAYOUTS.map((c) => (
                <option key={c} value={c}>
                  {LAYOUT_LABELS[c]}
                </option>
              ))}
            </Select>
          </Field>
        </div>
      </ThemeFieldset>

      <ThemeFieldset legend="Logo and favicon" disabled={disabled}>
        <Field
          label="Site name in the theme"
          hint="Used as the e-mail sender fallback and in previews."
          errors={errors.name}
        >
          <Input value={draft.name} maxLength={64} onChange={(e) => patch((d) => ({ ...d, name: e.target.value }))} />
        </Field>
        <Field
          label="Logo URL"
          hint="https://…, a path on your site (/logo.svg), or a base64 PNG/SVG data URL."
          errors={errors["logo.url"]}
        >
          <Input
            value={draft.logo.url}
            spellCheck={false}
            onChange={(e) => patch((d) => ({ ...d, logo: { ...d.logo, url: e.target.value.trim() } }))}
          />
        </Field>
        <Field
          label="Logo alt text"
          hint="Read out by screen readers in place of the logo."
          errors={errors["logo.alt"]}
        >
          <Input
            value={draft.logo.alt}
            maxLength={120}
            onChange={(e) => patch((d) => ({ ...d, logo: { ...d.logo, alt: e.target.value } }))}
          />
        </Field>
        <Field label="Favicon URL" errors={errors["favicon.url"]}>
          <Input
            value={draft.favicon.url}
            spellCheck={false}
            onChange={(e) => patch((d) => ({ ...d, favicon: { url: e.target.value.trim() } }))}
          />
        </Field>
      </ThemeFieldset>

      <ThemeFieldset legend="E-mail" disabled={disabled}>
        <Field
          label="Sender name"
          hint="Shown as the From name of invitations and sign-in links."
          errors={errors["email.senderName"]}
        >
          <Input
            value={draft.email.senderName}
            maxLength={64}
            onChange={(e) => patch((d) => ({ ...d, email: { ...d.email, senderName: e.target.value } }))}
          />
        </Field>
        <Field label="Footer text" errors={errors["email.footerText"]}>
          <Textarea
            rows={3}
            maxLength={500}
            value={draft.email.footerText}
            onChange={(e) => patch((d) => ({ ...d, email: { ...d.email, footerText: e.target.value } }))}
          />
        </Field>
        <div className="flex flex-wrap items-end gap-3">
          <Field
            label="Button color in e-mails"
            id="email-accent-color"
            hint={draft.email.accentColor ? undefined : "Follows the light primary color."}
            errors={errors["email.accentColor"]}
          >
            <input
              id="email-accent-color"
              type="color"
              className="h-9 w-14 cursor-pointer rounded-md border border-border bg-surface p-1"
              value={pickerValue(draft.email.accentColor ?? draft.colors.light.primary)}
              onChange={(e) => patch((d) => ({ ...d, email: { ...d.email, accentColor: e.target.value } }))}
            />
          </Field>
          {draft.email.accentColor ? (
            <Button
              variant="ghost"
              size="sm"
              onClick={() =>
                patch((d) => ({ ...d, email: { senderName: d.email.senderName, footerText: d.email.footerText } }))
              }
            >
              Use the primary color
            </Button>
          ) : null}
        </div>
      </ThemeFieldset>
    </>
  );
}
